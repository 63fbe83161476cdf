package org.cdimail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue's commands on an embedded broker: send-mass --enqueue-only, queue status, worker --until-empty, send-mass delivering. */
class QueueCommandsTest {

    @TempDir
    Path dir;

    private GreenMail smtp;

    @BeforeEach
    void startServer() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stopServer() {
        smtp.stop();
    }

    private String[] args(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of("--set", "mail.backend=smtp", "--set", "mail.host=127.0.0.1",
                "--set", "mail.port=" + smtp.getSmtp().getPort(), "--set", "mail.queue.enabled=true",
                "--set", "mail.queue.directory=" + dir.resolve("journal")));
        return all.toArray(String[]::new);
    }

    private Path lines(int count) throws IOException {
        Path file = dir.resolve("mass.jsonl");
        Files.write(file, IntStream.range(0, count).mapToObj(i -> "{\"subject\": \"q" + i
                + "\", \"body\": \"b\", \"from\": \"f@example.com\", \"to\": [\"u" + i + "@example.com\"]}").toList());
        return file;
    }

    @Test
    void sendMassEnqueueOnlyQueuesEveryLineAndAWorkerUntilEmptyDeliversThem() throws IOException {
        Path file = lines(30);
        CliRun.Result queued = CliRun.run(dir, args("send-mass", file.toString(), "--enqueue-only", "--report", "report.jsonl"));
        assertThat(queued.exitCode()).as(queued.toString()).isZero();
        assertThat(queued.out()).contains("Queued 30 of 30 messages");
        assertThat(Files.readAllLines(dir.resolve("report.jsonl"), StandardCharsets.UTF_8))
                .hasSize(30).allSatisfy(line -> assertThat(line).contains("\"status\":\"queued\""));
        assertThat(smtp.getReceivedMessages()).isEmpty();

        CliRun.Result status = CliRun.run(dir, args("queue", "status"));
        assertThat(status.out()).containsPattern("pending \\(ready, scheduled, in flight\\) +30");

        CliRun.Result worker = CliRun.run(dir, args("worker", "--until-empty"));
        assertThat(worker.exitCode()).as(worker.toString()).isZero();
        assertThat(worker.out()).contains("delivered 30, deferred 0, dead 0");
        assertThat(smtp.getReceivedMessages()).hasSize(30);
    }

    @Test
    void sendMassOnAQueuedAliasDeliversItsQueueBeforeItReturns() throws IOException {
        CliRun.Result result = CliRun.run(dir, args("send-mass", lines(10).toString()));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Queued 10 of 10 messages").contains("Delivered from the queue: delivered 10");
        assertThat(smtp.getReceivedMessages()).hasSize(10);
    }

    @Test
    void aPermanentRefusalEndsInTheDeadLettersThatQueueDeadListsAndPurgeDeadDeletes() throws IOException {
        try (ScriptedSmtpPeer peer = ScriptedSmtpPeer.start().replying("gone@example.com", "550 5.1.1 No such user")) {
            List<String> args = new ArrayList<>(List.of("--set", "mail.backend=smtp", "--set", "mail.host=127.0.0.1",
                    "--set", "mail.port=" + peer.port(), "--set", "mail.queue.enabled=true",
                    "--set", "mail.queue.directory=" + dir.resolve("journal-dead")));
            Path file = dir.resolve("dead.jsonl");
            Files.write(file, List.of(
                    "{\"subject\": \"ok\", \"body\": \"b\", \"from\": \"f@example.com\", \"to\": [\"ada@example.com\"]}",
                    "{\"subject\": \"gone\", \"body\": \"b\", \"from\": \"f@example.com\","
                            + " \"to\": [\"gone@example.com\", \"bob@example.com\"]}"));
            CliRun.Result queued = CliRun.run(dir, with(args, "send-mass", file.toString(), "--enqueue-only"));
            assertThat(queued.exitCode()).as(queued.toString()).isZero();

            CliRun.Result worker = CliRun.run(dir, with(args, "worker", "--until-empty"));
            assertThat(worker.out()).as(worker.toString()).contains("delivered 1, deferred 0, dead 1"); // the partly refused message counts as dead
            assertThat(worker.exitCode()).as("a dead letter is not a clean run").isNotZero();
            assertThat(peer.received()).extracting(ScriptedSmtpPeer.Received::recipients)
                    .containsExactlyInAnyOrder(List.of("ada@example.com"), List.of("bob@example.com"));

            CliRun.Result dead = CliRun.run(dir, with(args, "queue", "dead"));
            assertThat(dead.exitCode()).as(dead.toString()).isZero();
            assertThat(dead.out()).contains("1 dead letter(s)").contains("550").contains("5.1.1").doesNotContain("gone@example.com").doesNotContain("bob@example.com");

            CliRun.Result purged = CliRun.run(dir, with(args, "queue", "purge-dead"));
            assertThat(purged.out()).as(purged.toString()).contains("1 dead letter(s)");
            assertThat(CliRun.run(dir, with(args, "queue", "dead")).out()).contains("0 dead letter(s)");
        }
    }

    private static String[] with(List<String> settings, String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(settings);
        return all.toArray(String[]::new);
    }

    @Test
    void aWorkerOnAnAliasThatIsNotQueuedIsAUsageErrorNamingTheKey() {
        CliRun.Result result = CliRun.run(dir, "worker", "--until-empty", "--set", "mail.backend=smtp");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("CDIMAIL-00450").contains("mail.queue.enabled");
    }
}

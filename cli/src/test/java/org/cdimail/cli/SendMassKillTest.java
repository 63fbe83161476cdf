package org.cdimail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of {@code cdi-mail send-mass --enqueue-only} (its own JVM) in the middle of a
 * file: every line its {@code --report} had marked queued is delivered by a worker afterwards.
 */
class SendMassKillTest {

    private static final int LINES = 50_000;
    private static final Pattern QUEUED = Pattern.compile("\\{\"line\":(\\d+),\"status\":\"queued\".*\\}");

    @TempDir
    Path dir;

    private GreenMail smtp;
    private Process sender;

    @BeforeEach
    void startServer() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stopAll() {
        if (sender != null) {
            sender.destroyForcibly();
        }
        smtp.stop();
    }

    private List<String> settings() {
        return List.of("--set", "mail.backend=smtp", "--set", "mail.host=127.0.0.1",
                "--set", "mail.port=" + smtp.getSmtp().getPort(), "--set", "mail.queue.enabled=true",
                "--set", "mail.queue.directory=" + dir.resolve("journal"));
    }

    private Set<Integer> queuedLines(Path report) throws IOException {
        if (!Files.exists(report)) {
            return Set.of();
        }
        return Files.readAllLines(report, StandardCharsets.UTF_8).stream().map(QUEUED::matcher).filter(Matcher::matches)
                .map(m -> Integer.valueOf(m.group(1))).collect(Collectors.toSet());
    }

    @Test
    void everyLineTheReportMarkedQueuedIsDeliveredAfterTheSenderIsKilled() throws Exception {
        Path file = dir.resolve("mass.jsonl");
        Files.write(file, IntStream.range(1, LINES + 1).mapToObj(i -> "{\"subject\": \"k" + i
                + "\", \"body\": \"b\", \"from\": \"f@example.com\", \"to\": [\"line" + i + "@example.com\"]}").toList());
        Path report = dir.resolve("report.jsonl");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CdiMail.class.getName(), "send-mass", file.toString(),
                "--enqueue-only", "--chunk-size", "100", "--report", report.toString()));
        command.addAll(settings());
        sender = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("sender.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (queuedLines(report).size() < 2_000) {
            assertThat(System.nanoTime() - deadline).as("2,000 lines queued within 90 s").isNegative();
            assertThat(sender.isAlive()).as("the sender still runs").isTrue();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        sender.destroyForcibly(); // SIGKILL
        assertThat(sender.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Set<Integer> queued = queuedLines(report);
        assertThat(queued.size()).as("killed before the end").isLessThan(LINES);

        List<String> worker = new ArrayList<>(List.of("worker", "--until-empty", "--consumers", "2"));
        worker.addAll(settings());
        CliRun.Result result = CliRun.run(dir, worker.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();

        Set<Integer> delivered = Arrays.stream(smtp.getReceivedMessages()).map(SendMassKillTest::line)
                .collect(Collectors.toSet());
        assertThat(delivered).containsAll(queued);
        System.out.printf("SendMassKillTest: killed after %d lines reported queued; %d delivered afterwards (%s)%n",
                queued.size(), delivered.size(), result.out().strip());
    }

    private static int line(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            String address = to[0].toString();
            return Integer.parseInt(address.substring("line".length(), address.indexOf('@')));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.cdimail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cdimail.cli.HostileSmtpPeer.Mode;

/**
 * {@code cdi-mail send --backend smtp} against servers that misbehave (issue 12): every send ends
 * within the timeout plus a small margin, with a message that says what to fix (issue 13).
 */
class HostileServerSendTest {

    private static final Duration MARGIN = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private static List<String> send(int port, String... more) {
        List<String> args = new ArrayList<>(List.of("send", "--backend", "smtp", "--set", "mail.host=127.0.0.1",
                "--set", "mail.port=" + port, "--set", "mail.timeout=PT3S", "--to", "you@example.com",
                "--subject", "Hostile", "--body", "B"));
        args.addAll(List.of(more));
        return args;
    }

    private CliRun.Result run(List<String> args) {
        return CliRun.run(dir, args.toArray(String[]::new));
    }

    @Test
    void aTlsServerThatStopsReadingAfterDataFailsWithinTheTimeout() throws Exception {
        HostileSmtpPeer.SelfSigned certificate = HostileSmtpPeer.SelfSigned.generate(dir);
        Path big = dir.resolve("big.bin");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(64L * 1024 * 1024); // far beyond what socket buffers hold
        }
        try (HostileSmtpPeer peer = HostileSmtpPeer.startTls(Mode.TLS_STOPS_READING_AFTER_DATA, certificate)) {
            long start = System.nanoTime();
            CliRun.Result result = run(send(peer.port(), "--set", "mail.use-ssl=true", "--set",
                    "mail.ssl-trust-certfile=" + certificate.certificatePem(), "--attach", big.toString()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result.exitCode()).as(result.toString()).isNotZero();
            assertThat(result.err()).contains("CDIMAIL-").doesNotContain("you@example.com");
            assertThat(took).isLessThan(Duration.ofSeconds(3).plus(MARGIN));
        }
    }

    @Test
    void endlessEhloLinesFailCleanly() throws IOException {
        try (HostileSmtpPeer peer = HostileSmtpPeer.start(Mode.ENDLESS_EHLO)) {
            long start = System.nanoTime();
            CliRun.Result result = run(send(peer.port()));
            assertThat(result.exitCode()).as(result.toString()).isNotZero();
            assertThat(result.err()).contains("CDIMAIL-00301");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3).plus(MARGIN));
        }
    }

    /** The same in a JVM of its own with a 64 MB heap: the reply limit, not the heap, ends it. */
    @Test
    void endlessEhloLinesFailCleanlyInA64MbHeap() throws Exception {
        try (HostileSmtpPeer peer = HostileSmtpPeer.start(Mode.ENDLESS_EHLO)) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"), CdiMail.class.getName()));
            command.addAll(send(peer.port()));
            Path output = dir.resolve("forked.log");
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            try {
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the forked send ended").isTrue();
                String log = Files.readString(output);
                assertThat(process.exitValue()).as(log).isNotZero();
                assertThat(log).contains("CDIMAIL-00301").doesNotContain("OutOfMemoryError");
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void aGreetingDrippedInsideTheReadTimeoutFailsAtTheTimeout() throws IOException {
        try (HostileSmtpPeer peer = HostileSmtpPeer.start(Mode.DRIPPED_GREETING)) {
            long start = System.nanoTime();
            CliRun.Result result = run(send(peer.port(), "--set", "mail.timeout=PT2S"));
            assertThat(result.exitCode()).as(result.toString()).isNotZero();
            assertThat(result.err()).contains("CDIMAIL-00310").contains("PT2S").contains("mail.timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2).plus(MARGIN));
        }
    }

    @Test
    void aServerThatNeverGreetsNamesTheTimeoutAndItsKey() throws IOException {
        try (HostileSmtpPeer peer = HostileSmtpPeer.start(Mode.SILENT)) {
            CliRun.Result result = run(send(peer.port()));
            assertThat(result.exitCode()).as(result.toString()).isNotZero();
            assertThat(result.err()).contains("CDIMAIL-00310").contains("did not greet within PT3S")
                    .contains("mail.timeout");
        }
    }

    @Test
    void aRefusedPortNamesTheHostThePortAndRefused() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CliRun.Result result = run(send(port));
        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.err()).contains("CDIMAIL-00304").contains("127.0.0.1 port " + port).contains("refused");
    }
}

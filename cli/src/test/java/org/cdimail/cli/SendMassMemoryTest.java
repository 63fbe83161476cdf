package org.cdimail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send-mass} holds one chunk of lines at a time: a file several times larger than the heap
 * goes through a JVM started with {@code -Xmx32m}.
 */
class SendMassMemoryTest {

    private static final int LINES = 200_000;
    private static final String BODY = "x".repeat(160);
    private static final long DEADLINE_SECONDS = 300;

    @TempDir
    Path dir;

    @Test
    void sendsTwoHundredThousandLinesInAThirtyTwoMegabyteHeap() throws IOException, InterruptedException {
        Path messages = dir.resolve("messages.jsonl");
        try (BufferedWriter out = Files.newBufferedWriter(messages, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= LINES; i++) {
                out.write("{\"subject\": \"Message " + i + "\", \"body\": \"" + BODY + "\", \"to\": \"user" + i
                        + "@example.com\"}\n");
            }
        }
        // Read whole as Java strings the file would take twice its size, several times the heap.
        assertThat(Files.size(messages)).isGreaterThan(40L << 20);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");

        Process process = new ProcessBuilder(java, "-Xmx32m", "-XX:+ExitOnOutOfMemoryError", "-cp", classPath,
                CdiMail.class.getName(), "send-mass", messages.toString(), "--backend", "dummy",
                "--report", dir.resolve("report.jsonl").toString())
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            assertThat(process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS))
                    .as("send-mass ended within " + DEADLINE_SECONDS + " s").isTrue();
        } finally {
            process.destroyForcibly();
        }

        String output = Files.readString(out) + Files.readString(err);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Sent " + LINES + " of " + LINES + " messages via alias \"dummy\" (dummy backend)");
        try (Stream<String> report = Files.lines(dir.resolve("report.jsonl"))) {
            assertThat(report.filter(line -> line.contains("\"status\":\"sent\"")).count()).isEqualTo(LINES);
        }
    }
}

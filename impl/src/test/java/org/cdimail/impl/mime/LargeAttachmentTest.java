package org.cdimail.impl.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.cdimail.EmailMessage;
import org.junit.jupiter.api.Test;

/**
 * Files are streamed, never loaded whole: a message with a 200 MB attachment renders in a JVM
 * limited to 64 MB of heap. The rendering runs in a forked JVM ({@link #main(String[])}), so the
 * heap limit is real whatever the test JVM has.
 */
class LargeAttachmentTest {

    private static final long SIZE = 200L * 1024 * 1024;

    @Test
    void rendersA200MegabyteFileAttachmentWithA64MegabyteHeap() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "large-attachment"));
        Path file = dir.resolve("large-" + ProcessHandle.current().pid() + ".bin");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(SIZE);
        }
        Path output = dir.resolve("output-" + ProcessHandle.current().pid() + ".txt");
        Process process = null;
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    LargeAttachmentTest.class.getName(), file.toString()))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();

            assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("forked rendering finished in time").isTrue();
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(printed).isZero();
            long written = Long.parseLong(printed.lines().filter(l -> l.startsWith("bytes=")).findFirst()
                    .orElseThrow(() -> new AssertionError(printed)).substring("bytes=".length()));
            assertThat(written).isGreaterThan(SIZE);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(file);
            Files.deleteIfExists(output);
        }
    }

    /** Runs in the forked JVM: renders a message with the given file attached to a counting stream. */
    public static void main(String[] args) throws IOException {
        EmailMessage message = EmailMessage.builder().subject("Large").body("See the attachment.")
                .from("from@example.com").to("to@example.com").attachFile(Path.of(args[0])).build();
        CountingOutputStream counter = new CountingOutputStream();
        try (OutputStream out = counter) {
            new MimeRenderer(RenderSettings.defaults()).writeTo(message, out);
        }
        System.out.println("maxHeap=" + Runtime.getRuntime().maxMemory());
        System.out.println("bytes=" + counter.count());
    }
}

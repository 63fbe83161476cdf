package org.cdimail.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message far larger than the heap goes through the queue: enqueued as an Artemis large
 * message streamed from a spool file, consumed into a spool file, sent to SMTP from it. The JVM
 * that does it all runs with {@code -Xmx64m}.
 */
class LargeMessageTest {

    /** 200 MB, as issue 14 asks (about 30 s on a quiet machine); {@code -Dqueue.large.mb=N} runs another size. */
    private static final long MEGABYTES = Long.getLong("queue.large.mb", 200);

    @TempDir
    Path dir;

    @Test
    void anAttachmentOfFiftyMegabytesTravelsThroughTheQueueInAJvmOf64Megabytes() throws Exception {
        try (ScriptedSmtpPeer peer = new ScriptedSmtpPeer()) {
            peer.discardData();
            Path journal = dir.resolve("journal");
            Files.createDirectories(journal);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-cp", System.getProperty("java.class.path"), ForkedQueueMain.class.getName(),
                    "large", journal.toString(), String.valueOf(peer.port()), String.valueOf(MEGABYTES * 1024 * 1024)));
            Path log = dir.resolve("large.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
            } finally {
                process.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(output).contains("delivered 1").doesNotContain("OutOfMemoryError");
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(peer.deliveries()).containsEntry("large@example.com", 1);
            // base64: 4/3 of the attachment, without line breaks
            assertThat(peer.dataBytes()).isGreaterThan(MEGABYTES * 1024 * 1024 * 4 / 3);
            System.out.printf("LargeMessageTest: %d MB attachment, %d bytes of data at the peer, -Xmx64m%n",
                    MEGABYTES, peer.dataBytes());
        } catch (IOException e) {
            throw e;
        }
    }
}

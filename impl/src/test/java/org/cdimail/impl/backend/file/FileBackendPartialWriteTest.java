package org.cdimail.impl.backend.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.impl.mime.RenderSettings;

/**
 * A message that fails half-way through being written (an attachment that cannot be read, a full
 * disk) leaves no trace in the file: the messages before it stay whole, and the file holds no
 * part of it, even when more than a buffer's worth of it had already reached the disk.
 */
class FileBackendPartialWriteTest {

    private static final MimeRenderer RENDERER = new MimeRenderer(RenderSettings.defaults());

    @TempDir
    Path dir;

    private static EmailMessage message(String subject) {
        return EmailMessage.builder().subject(subject).body("Body of " + subject).from("from@example.com")
                .to("ada@example.com").build();
    }

    /** Writes messages as the renderer does, except "Broken": 200 KB of it, then the given failure. */
    private static FileBackend.MessageWriter failingOn(RuntimeException unchecked, IOException checked) {
        return (message, out) -> {
            if (!message.subject().equals("Broken")) {
                RENDERER.writeTo(message, out);
                return null;
            }
            writeHalf(out);
            if (unchecked != null) {
                throw unchecked;
            }
            throw checked;
        };
    }

    private static void writeHalf(OutputStream out) throws IOException {
        byte[] line = "PARTIAL PARTIAL PARTIAL PARTIAL PARTIAL PARTIAL PARTIAL PARTIAL\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        for (int written = 0; written < 200 * 1024; written += line.length) {
            out.write(line);
        }
    }

    private String onlyFile() throws IOException {
        try (var files = Files.list(dir)) {
            return Files.readString(files.reduce((a, b) -> {
                throw new AssertionError("more than one file");
            }).orElseThrow(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void anUnreadableAttachmentHalfWayLeavesOnlyTheWholeMessagesBeforeIt() throws IOException {
        FileBackend file = new FileBackend(dir, RENDERER,
                failingOn(new UncheckedIOException(new IOException("attachment vanished")), null), false);
        assertThatThrownBy(() -> file.sendMessages(List.of(message("First"), message("Broken"), message("Third"))))
                .isInstanceOf(UncheckedIOException.class);

        String content = onlyFile();
        assertThat(content).contains("Subject: First").doesNotContain("PARTIAL").doesNotContain("Third");
        assertThat(content).endsWith("\n" + "-".repeat(79) + "\n");
    }

    @Test
    void aWriteFailureReportsTheMessageAndKeepsTheFileClean() throws IOException {
        FileBackend file = new FileBackend(dir, RENDERER, failingOn(null, new IOException("No space left on device")),
                false);
        assertThatThrownBy(() -> file.sendMessages(List.of(message("First"), message("Broken"))))
                .isInstanceOf(MailException.class).hasMessageStartingWith("CDIMAIL-00251");

        assertThat(onlyFile()).contains("Subject: First").doesNotContain("PARTIAL");
    }

    @Test
    void onAnOpenedConnectionTheNextMessageFollowsTheLastWholeOne() throws IOException {
        try (FileBackend file = new FileBackend(dir, RENDERER,
                failingOn(null, new IOException("No space left on device")), true)) {
            file.open();
            assertThat(file.sendMessages(List.of(message("First"), message("Broken")))).isEqualTo(1);
            assertThat(file.sendMessages(List.of(message("Third")))).isEqualTo(1);
        }

        String content = onlyFile();
        assertThat(content).doesNotContain("PARTIAL");
        assertThat(content.indexOf("Subject: First")).isLessThan(content.indexOf("Subject: Third"));
        assertThat(content.split("\n-{79}\n", -1)).hasSize(3); // two messages, each followed by its separator
    }
}

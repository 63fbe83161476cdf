package org.cdimail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Attachments: Django's ATT behaviours that need no rendering. */
class EmailAttachmentTest {

    /** Django {@code test_attachments} and {@code test_attachments_constructor}: reproduced. */
    @Test
    void storesFilenameContentAndMimetype() {
        EmailMessage message = EmailMessage.builder().attach("example.txt", "Text file content", "text/plain")
                .attach(EmailAttachment.of("example.pdf", new byte[] {1, 2, 3}, "application/pdf")).build();

        EmailAttachment text = message.attachments().get(0);
        assertThat(text.filename()).contains("example.txt");
        assertThat(text.text()).contains("Text file content");
        assertThat(text.mimetype()).isEqualTo("text/plain");
        assertThat(text.source()).isEqualTo(EmailAttachment.Source.TEXT);
        EmailAttachment pdf = message.attachments().get(1);
        assertThat(pdf.bytes()).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
        assertThat(pdf.source()).isEqualTo(EmailAttachment.Source.BYTES);
    }

    /** Django {@code test_attachments_constructor_omit_mimetype} and 3.2 {@code test_attachments_two_tuple}: reproduced. */
    @Test
    void usesOctetStreamWhenNoMimetypeIsGivenOrGuessed() {
        assertThat(EmailAttachment.of("file.unknownextension", new byte[] {1}, null).mimetype())
                .isEqualTo("application/octet-stream");
        assertThat(EmailAttachment.of(null, new byte[] {1}, null).mimetype()).isEqualTo("application/octet-stream");
    }

    /** Django {@code test_attach_content_is_required}: reproduced. */
    @Test
    void requiresContent() {
        assertThatThrownBy(() -> EmailAttachment.of("file.txt", (String) null, "text/plain"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("CDIMAIL-00006");
        assertThatThrownBy(() -> EmailAttachment.of("file.bin", (byte[]) null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Django {@code test_attach_text_as_bytes} and {@code test_attach_utf8_text_as_bytes}: reproduced. */
    @Test
    void decodesTextBytesAsUtf8() {
        EmailAttachment attachment = EmailAttachment.of("file.txt", "Grüße ☃".getBytes(StandardCharsets.UTF_8), null);

        assertThat(attachment.source()).isEqualTo(EmailAttachment.Source.TEXT);
        assertThat(attachment.mimetype()).isEqualTo("text/plain");
        assertThat(attachment.text()).contains("Grüße ☃");
    }

    /** Django {@code test_attach_non_utf8_text_as_bytes}: reproduced; the bytes are kept unchanged. */
    @Test
    void turnsUndecodableTextBytesIntoOctetStreamUnchanged() {
        byte[] invalid = {(byte) 0xff, (byte) 0xfe, 'a'};

        EmailAttachment attachment = EmailAttachment.of("file.txt", invalid, null);

        assertThat(attachment.mimetype()).isEqualTo("application/octet-stream");
        assertThat(attachment.source()).isEqualTo(EmailAttachment.Source.BYTES);
        assertThat(attachment.bytes()).hasValueSatisfying(b -> assertThat(b).containsExactly(invalid));
    }

    /** The charset parameter of a text type decides how its bytes are decoded. */
    @Test
    void decodesTextBytesWithTheCharsetOfTheType() {
        EmailAttachment attachment = EmailAttachment.of("file.txt", "Sürname".getBytes(StandardCharsets.ISO_8859_1),
                "text/plain; charset=iso-8859-1");

        assertThat(attachment.text()).contains("Sürname");
    }

    /** Attachments are immutable: the caller's array is copied in and out. */
    @Test
    void copiesBytesInAndOut() {
        byte[] content = {1, 2, 3};
        EmailAttachment attachment = EmailAttachment.of("file.bin", content, null);
        content[0] = 9;
        attachment.bytes().orElseThrow()[1] = 9;

        assertThat(attachment.bytes().orElseThrow()).containsExactly(1, 2, 3);
    }

    /** Django {@code test_attach_file}: reproduced; the given type wins, else the guess, else octet-stream. */
    @ParameterizedTest
    @CsvSource({
        "file.txt, , text/plain",
        "file.png, , image/png",
        "file.pdf, , application/pdf",
        "file.unknownextension, , application/octet-stream",
        "file.JPG, , image/jpeg",
        "file.txt, application/pdf, application/pdf",
        "file.png, text/plain, text/plain"
    })
    void guessesTheMimetypeOfAnAttachedFileFromItsName(String name, String given, String expected, @TempDir Path dir)
            throws IOException {
        Path file = Files.writeString(dir.resolve(name), "content");

        EmailAttachment attachment = EmailAttachment.fromFile(file, given);

        assertThat(attachment.mimetype()).isEqualTo(expected);
        assertThat(attachment.filename()).contains(name);
        assertThat(attachment.source()).isEqualTo(EmailAttachment.Source.FILE);
    }

    /** A file is checked when attached and read only when opened, as a stream. */
    @Test
    void readsAnAttachedFileOnlyWhenOpened(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("late.txt"), "before");
        EmailAttachment attachment = EmailAttachment.fromFile(file, null);
        Files.writeString(file, "after");

        try (InputStream in = attachment.openStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("after");
        }
    }

    /** A missing file fails when attached, not when the message is sent. */
    @Test
    void refusesAMissingFile(@TempDir Path dir) {
        assertThatThrownBy(() -> EmailAttachment.fromFile(dir.resolve("missing.txt"), null))
                .isInstanceOf(UncheckedIOException.class);
    }

    /** Django {@code test_attach_mime_part} (a MIMEPart with inline disposition and Content-ID), mapped to {@code inline()}. */
    @Test
    void makesAnInlineCopyWithAContentId() {
        EmailAttachment logo = EmailAttachment.of("logo.png", new byte[] {1}, null);

        EmailAttachment inline = logo.inline("logo");

        assertThat(inline.disposition()).isEqualTo(EmailAttachment.Disposition.INLINE);
        assertThat(inline.contentId()).contains("logo");
        assertThat(logo.disposition()).isEqualTo(EmailAttachment.Disposition.ATTACHMENT);
    }

    /** Issue 16: users copy {@code <logo>} from a Content-ID header; one surrounding pair is removed, the same checks follow. */
    @Test
    void stripsOnePairOfAngleBracketsFromAContentId() {
        EmailAttachment logo = EmailAttachment.of("logo.png", new byte[] {1}, null);

        assertThat(logo.inline("<logo@example.com>").contentId()).contains("logo@example.com");
        for (String id : List.of("<<logo>>", "<>", "<lo go>", "<logo", "logo>", "<a>b>", "<x\r\nX-Evil: 1>")) {
            assertThatThrownBy(() -> logo.inline(id)).as(id).isInstanceOf(BadHeaderException.class)
                    .hasMessageContaining("'Content-ID'").hasMessageNotContaining("X-Evil");
        }
    }

    /**
     * Issue 12: a content id is written as is in a structured header, so it must be printable
     * US-ASCII without white space; U+010A (whose low byte is LF) and raw UTF-8 are refused.
     */
    @ParameterizedTest
    @ValueSource(strings = {"x\u010AX-Evil: 3", "x\u010D", "x\u020A", "lögo", "a b", "a\tb", "a\u0001", "a\u007f", " "})
    void refusesContentIdsThatAreNotPrintableAsciiWithoutWhiteSpace(String id) {
        EmailAttachment logo = EmailAttachment.of("logo.png", new byte[] {1}, null);

        assertThatThrownBy(() -> logo.inline(id)).isInstanceOf(BadHeaderException.class)
                .hasMessageContaining("'Content-ID'").hasMessageNotContaining("X-Evil");
        assertThat(logo.inline("logo.1@example-host_$!").contentId()).contains("logo.1@example-host_$!");
    }

    /** Issue 12: a file name is decoded by the recipient, so no control character is allowed in it. */
    @ParameterizedTest
    @ValueSource(strings = {"a\u0001.txt", "a\t.txt", "a\u007f.txt", "a\u009b.txt"})
    void refusesFileNamesWithControlCharacters(String filename) {
        assertThatThrownBy(() -> EmailAttachment.of(filename, "text", null)).isInstanceOf(BadHeaderException.class)
                .hasMessageContaining("'attachment filename'");
        assertThat(EmailAttachment.of("a\u010Ab.txt", "text", null).filename()).contains("a\u010Ab.txt");
    }

    /** Django {@code test_attach_rfc822_message}: an {@code EmailMessage} or bytes become message/rfc822. */
    @Test
    void attachesMessagesAsRfc822() {
        EmailMessage inner = EmailMessage.builder().subject("inner").build();

        assertThat(EmailAttachment.message(inner).mimetype()).isEqualTo("message/rfc822");
        assertThat(EmailAttachment.message("Subject: x\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII)).source())
                .isEqualTo(EmailAttachment.Source.RFC822_BYTES);
    }
}

package org.cdimail.impl.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.mail.Part;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.cdimail.EmailAttachment;
import org.cdimail.EmailMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Django's ATT behaviours, end to end: rendered, parsed back, decoded. */
class AttachmentsTest {

    private static EmailMessage.Builder basic() {
        return EmailMessage.builder().subject("Subject").body("Content").from("from@example.com").to("to@example.com");
    }

    private static String cte(Part part) throws Exception {
        return part.getHeader("Content-Transfer-Encoding")[0];
    }

    /** Django {@code test_attachments}: reproduced; name, type and content round-trip. */
    @Test
    void roundTripsATextAttachment() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().attach("example.txt", "Text file content\n", "text/plain").build());

        Part part = mail.part(1);
        assertThat(part.getFileName()).isEqualTo("example.txt");
        assertThat(new ContentType(part.getContentType()).getBaseType()).isEqualTo("text/plain");
        assertThat(part.getDisposition()).isEqualTo("attachment");
        assertThat(part.getContent()).isEqualTo("Text file content\r\n");
    }

    /**
     * Django {@code test_non_ascii_attachment_filename} (#14964): reproduced; RFC 2231 in
     * Content-Disposition and an encoded word in Content-Type's {@code name}, which Outlook reads.
     */
    @Test
    void encodesANonAsciiFileNameForEveryReader() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().attach("une pièce jointe.pdf", new byte[] {1, 2}, "application/pdf")
                .build());

        Part part = mail.part(1);
        assertThat(part.getFileName()).isEqualTo("une pièce jointe.pdf");
        assertThat(part.getHeader("Content-Disposition")[0]).contains("filename*=utf-8''une%20pi%C3%A8ce%20jointe.pdf");
        String name = new ContentType(part.getContentType()).getParameter("name");
        assertThat(name).startsWith("=?utf-8?");
        assertThat(MimeUtility.decodeText(name)).isEqualTo("une pièce jointe.pdf");
        assertThat(mail.rawHeaders().chars()).allMatch(c -> c < 128);
        assertThat(mail.raw().substring(0, mail.raw().indexOf("%PDF") < 0 ? mail.raw().length() : 0).chars())
                .allMatch(c -> c < 128);
    }

    /** A very long non-ASCII file name uses RFC 2231 continuations, so no header line exceeds 998 octets. */
    @Test
    void splitsAVeryLongNonAsciiFileName() throws Exception {
        String name = "ünïcödé ".repeat(60) + ".txt";
        RenderedMail mail = RenderedMail.of(basic().attach(name, "content", null).build());

        assertThat(mail.part(1).getFileName()).isEqualTo(name);
        assertThat(mail.raw().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
        assertThat(mail.part(1).getHeader("Content-Disposition")[0]).contains("filename*0*=utf-8''");
    }

    /** Django 3.2 {@code test_attachments_two_tuple}: reproduced; no type and no guess gives octet-stream. */
    @Test
    void sendsUnknownTypesAsOctetStream() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().attach("file.unknownextension", new byte[] {0, 1, 2}, null).build());

        assertThat(new ContentType(mail.part(1).getContentType()).getBaseType()).isEqualTo("application/octet-stream");
        assertThat(RenderedMail.decoded(mail.part(1))).containsExactly(0, 1, 2);
    }

    /** Django {@code test_attach_file}: reproduced; type from the argument, the name, or octet-stream; content intact. */
    @ParameterizedTest
    @CsvSource({
        "file.txt, , text/plain",
        "file.png, , image/png",
        "file_txt, , application/octet-stream",
        "file.pdf, , application/pdf",
        "file.txt, application/pdf, application/pdf",
        "file.png, text/plain, text/plain",
        "file.unknownextension, image/png, image/png"
    })
    void attachesFilesWithTheirType(String fileName, String given, String expected, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve(fileName), "file content");

        RenderedMail mail = RenderedMail.of(basic().attachFile(file, given).build());

        Part part = mail.part(1);
        assertThat(new ContentType(part.getContentType()).getBaseType()).isEqualTo(expected);
        assertThat(part.getFileName()).isEqualTo(fileName);
        assertThat(RenderedMail.decoded(part)).asString(StandardCharsets.UTF_8).isEqualTo("file content");
    }

    /** A text file is sent as text: its charset declared, its line breaks made CRLF, readable (8bit). */
    @Test
    void sendsATextFileAsReadableText(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "première ligne\nseconde ligne\n");

        Part part = RenderedMail.of(basic().attachFile(file).build()).part(1);

        assertThat(part.getContentType()).startsWith("text/plain; charset=utf-8");
        assertThat(cte(part)).isEqualTo("8bit");
        assertThat(part.getContent()).isEqualTo("première ligne\r\nseconde ligne\r\n");
    }

    /** A "text" file that is not valid UTF-8 is sent unchanged as application/octet-stream, as bytes are. */
    @Test
    void sendsAnUndecodableTextFileAsOctetStreamUnchanged(@TempDir Path dir) throws Exception {
        byte[] latin1 = "Sürname\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("latin1.txt"), latin1);

        Part part = RenderedMail.of(basic().attachFile(file).build()).part(1);

        assertThat(new ContentType(part.getContentType()).getBaseType()).isEqualTo("application/octet-stream");
        assertThat(part.getFileName()).isEqualTo("latin1.txt");
        assertThat(RenderedMail.decoded(part)).containsExactly(latin1);
    }

    /**
     * Django {@code test_attach_text_as_bytes}, {@code test_attach_text_as_bytes_using_property}
     * and {@code test_attach_utf8_text_as_bytes}: reproduced; text/* bytes decode to text.
     */
    @Test
    void sendsUtf8TextBytesAsText() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().attach("file.txt", "file content ☃".getBytes(StandardCharsets.UTF_8),
                null).build());

        Part part = mail.part(1);
        assertThat(part.getContentType()).startsWith("text/plain; charset=utf-8");
        assertThat(part.getContent()).isEqualTo("file content ☃");
    }

    /** Django {@code test_attach_non_utf8_text_as_bytes}: reproduced end to end; octet-stream, bytes unchanged. */
    @Test
    void sendsUndecodableTextBytesAsOctetStreamUnchanged() throws Exception {
        byte[] invalid = {(byte) 0xff, (byte) 0xfe, '\n', 'a', '\r'};
        RenderedMail mail = RenderedMail.of(basic().attach("file.txt", invalid, "text/plain").build());

        Part part = mail.part(1);
        assertThat(new ContentType(part.getContentType()).getBaseType()).isEqualTo("application/octet-stream");
        assertThat(RenderedMail.decoded(part)).containsExactly(invalid);
    }

    /** A text attachment with its own charset parameter is encoded in that charset. */
    @Test
    void encodesATextAttachmentInTheCharsetOfItsType() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().attach("file.txt", "Sürname", "text/plain; charset=iso-8859-1")
                .build());

        Part part = mail.part(1);
        assertThat(new ContentType(part.getContentType()).getParameter("charset")).isEqualTo("iso-8859-1");
        assertThat(RenderedMail.decoded(part)).containsExactly("Sürname".getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Binary content that is mostly ASCII is shorter, and more readable, as quoted-printable; CR and LF survive. */
    @Test
    void choosesQuotedPrintableForMostlyAsciiBinaryContent() throws Exception {
        byte[] pdfLike = ("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj << /Type /Catalog >>\r\nendobj\r" + "stream ".repeat(200))
                .getBytes(StandardCharsets.ISO_8859_1);
        RenderedMail mail = RenderedMail.of(basic().attach("doc.pdf", pdfLike, null).build());

        assertThat(cte(mail.part(1))).isEqualTo("quoted-printable");
        assertThat(RenderedMail.decoded(mail.part(1))).containsExactly(pdfLike);
    }

    /** Binary content that is mostly not ASCII is shorter as base64. */
    @Test
    void choosesBase64ForDenseBinaryContent() throws Exception {
        byte[] dense = new byte[3000];
        new java.util.Random(42).nextBytes(dense);
        RenderedMail mail = RenderedMail.of(basic().attach("random.bin", dense, null).build());

        assertThat(cte(mail.part(1))).isEqualTo("base64");
        assertThat(RenderedMail.decoded(mail.part(1))).containsExactly(dense);
    }

    /**
     * Django {@code test_attach_rfc822_message} (#18967) and 3.2 {@code test_dont_base64_encode_message_rfc822}:
     * reproduced; an attached EmailMessage is message/rfc822, 7bit for ASCII content, never base64.
     */
    @Test
    void attachesAMessageAsRfc822WithoutBase64() throws Exception {
        EmailMessage inner = basic().subject("inner subject").body("inner body").build();
        RenderedMail mail = RenderedMail.of(basic().attachMessage(inner).build());

        Part part = mail.part(1);
        assertThat(new ContentType(part.getContentType()).getBaseType()).isEqualTo("message/rfc822");
        assertThat(cte(part)).isEqualTo("7bit");
        assertThat(mail.raw()).contains("Subject: inner subject").contains("\r\n\r\ninner body\r\n");
        MimeMessage attached = (MimeMessage) part.getContent();
        assertThat(attached.getSubject()).isEqualTo("inner subject");
        assertThat(attached.getContent()).isEqualTo("inner body\r\n");
    }

    /** Django {@code test_attach_rfc822_message}: an attached message with 8bit text makes the part 8bit. */
    @Test
    void declaresEightBitForAnAttachedMessageWithEightBitText() throws Exception {
        EmailMessage inner = basic().body("Ünïcödé body").attach("a.txt", "Ünïcödé attachment", null).build();
        RenderedMail mail = RenderedMail.of(basic().attachMessage(inner).build());

        assertThat(cte(mail.part(1))).isEqualTo("8bit");
        MimeMessage attached = (MimeMessage) mail.part(1).getContent();
        assertThat(RenderedMail.structure(attached)).isEqualTo("multipart/mixed(text/plain,text/plain)");
    }

    /** Django {@code test_attach_8bit_rfc822_message_non_ascii} (#36119): reproduced with bytes. */
    @Test
    void attachesEightBitRfc822BytesUnchanged() throws Exception {
        byte[] rfc822 = ("Subject: hello\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
                + "Grüße aus Köln\n").getBytes(StandardCharsets.UTF_8);
        RenderedMail mail = RenderedMail.of(basic().attach(EmailAttachment.message(rfc822)).build());

        Part part = mail.part(1);
        assertThat(cte(part)).isEqualTo("8bit");
        MimeMessage attached = new MimeMessage(RenderedMail.SESSION, new ByteArrayInputStream(RenderedMail.decoded(part)));
        assertThat(attached.getSubject()).isEqualTo("hello");
        assertThat(attached.getContent()).isEqualTo("Grüße aus Köln\r\n");
    }

    /**
     * Django {@code test_attach_rfc822_message}: ASCII bytes are 7bit. Improved: a line over 998
     * octets, which Django sends as binary without asking for BINARYMIME, makes them
     * application/octet-stream, encoded, their bytes unchanged (issue 12).
     */
    @Test
    void declaresSevenBitForRfc822BytesAndNeverBinary() throws Exception {
        byte[] ascii = "Subject: a\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] longLine = ("Subject: b\r\n\r\n" + "z".repeat(1200) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        RenderedMail mail = RenderedMail.of(basic().attach(EmailAttachment.message(ascii))
                .attach(EmailAttachment.message(longLine)).build());

        assertThat(cte(mail.part(1))).isEqualTo("7bit");
        assertThat(cte(mail.part(2))).isIn("base64", "quoted-printable");
        assertThat(new ContentType(mail.part(2).getContentType()).getBaseType()).isEqualTo("application/octet-stream");
        assertThat(RenderedMail.decoded(mail.part(2))).containsExactly(longLine);
    }

    /**
     * Django {@code test_attach_mime_part} and {@code test_attach_mime_part_in_constructor}: mapped
     * (Python MIMEPart objects have no Java counterpart) to inline parts, which keep their
     * disposition, Content-ID and file name.
     */
    @Test
    void keepsTheDispositionOfAnInlinePart() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().attach(EmailAttachment.of("logo.png", new byte[] {1, 2, 3}, null)
                .inline("logo")).build());

        Part part = mail.part(1);
        assertThat(new ContentDisposition(part.getHeader("Content-Disposition")[0]).getDisposition()).isEqualTo("inline");
        assertThat(part.getHeader("Content-ID")).containsExactly("<logo>");
        assertThat(part.getFileName()).isEqualTo("logo.png");
    }

    /** A text attachment keeps its content exactly (no line break added), except line breaks made CRLF. */
    @Test
    void keepsTextAttachmentContentExceptLineBreaks() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().attach("data.csv", "a,b\n1,2", null).build());

        assertThat(RenderedMail.decodedText(mail.part(1))).isEqualTo("a,b\r\n1,2");
    }

    /** An attached .eml file is a message/rfc822 part, streamed and never base64 (RFC 2046 forbids it). */
    @Test
    void attachesAnEmlFileAsAnUnencodedMessage(@TempDir Path dir) throws Exception {
        Path eml = Files.writeString(dir.resolve("forwarded.eml"), "Subject: forwarded\n\nGrüße\n");

        RenderedMail mail = RenderedMail.of(basic().attachFile(eml).build());

        Part part = mail.part(1);
        assertThat(new ContentType(part.getContentType()).getBaseType()).isEqualTo("message/rfc822");
        assertThat(cte(part)).isEqualTo("8bit");
        assertThat(part.getFileName()).isEqualTo("forwarded.eml");
        assertThat(((MimeMessage) part.getContent()).getSubject()).isEqualTo("forwarded");
        assertThat(mail.raw()).contains("Subject: forwarded\r\n\r\nGr\u00c3\u00bc\u00c3\u009fe\r\n");
    }

    /** Other message/* types are sent unencoded too; a multipart/* attachment type is refused. */
    @Test
    void sendsMessageTypesUnencodedAndRefusesMultipartTypes() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().attach("status.txt", "Reporting-MTA: dns; example.com\n",
                "message/delivery-status").build());
        assertThat(cte(mail.part(1))).isEqualTo("7bit");
        assertThat(new String(RenderedMail.decoded(mail.part(1)), StandardCharsets.US_ASCII))
                .isEqualTo("Reporting-MTA: dns; example.com\r\n");

        assertThatThrownBy(() -> RenderedMail.of(basic()
                        .attach("x", "content", "multipart/mixed").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("CDIMAIL-00115");
    }
}

package org.cdimail.impl.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.cdimail.BadHeaderException;
import org.cdimail.EmailAlternative;
import org.cdimail.EmailAttachment;
import org.cdimail.EmailMessage;
import org.cdimail.impl.backend.file.FileBackend;
import org.cdimail.impl.fuzz.HeaderBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12: every header byte that reaches the wire, the file or the console is printable
 * US-ASCII, SP or HT. Characters whose low byte is CR or LF (U+010A, U+010D, U+020A) used to
 * become bare line breaks; each attack is reproduced here through the rendered bytes and through
 * the file backend's output.
 */
class HeaderBytesTest {

    private static final MimeRenderer RENDERER = new MimeRenderer(RenderedMail.SETTINGS);

    /** Characters whose low byte is LF or CR: written as bytes by a line stream that keeps the low byte. */
    static Stream<String> lowByteLineBreaks() {
        return Stream.of("\u010A", "\u010D", "\u020A");
    }

    private static EmailMessage.Builder basic() {
        return EmailMessage.builder().subject("Subject").body("Content").from("from@example.com").to("to@example.com");
    }

    /** Checks the raw header bytes of every part and that no injected header was written anywhere. */
    private static RenderedMail rendersCleanly(EmailMessage message) {
        RenderedMail mail = RenderedMail.of(message);
        List<HeaderBlocks.Block> blocks = HeaderBlocks.check(mail.bytes);
        assertThat(blocks).allSatisfy(block -> assertThat(block.names()).doesNotContain("x-evil"));
        assertThat(mail.raw()).doesNotContainPattern("(?m)^X-Evil");
        return mail;
    }

    /**
     * The renderer's own check, behind the API's: a header line with a char beyond ASCII, a
     * control, a bare CR or LF, or a fold onto a line of white space only is refused, naming the
     * header and never quoting the value; well-folded printable lines pass.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Content-ID: <x\u010AX-Evil: 3>", "Content-ID: <x\u010DX-Evil: 3>",
            "Content-ID: <x\u020A\u020AX-Evil: 3>", "Content-ID: <lögo>", "Content-ID: <x\u0001>",
            "Content-ID: <x\nX-Evil: 3>", "Content-ID: <x\rX-Evil: 3>", "Content-ID: <x\r\nX-Evil: 3>",
            "Content-ID: <x>\r\n \r\n <y>", "Content-ID: <x>\r\n\t"})
    void theRenderersCheckRefusesAnyOtherHeaderByte(String line) {
        BadHeaderException e = catchThrowableOfType(BadHeaderException.class, () -> HeaderBytes.checkLine(line));

        assertThat(e.header()).isEqualTo("Content-ID");
        assertThat(e.getMessage()).doesNotContain("X-Evil").doesNotContain("<x");
        assertThatThrownBy(() -> HeaderBytes.checkLine("ada@example.com: \u010A")).hasMessageNotContaining("@");
        HeaderBytes.checkLine("Content-ID: <x>");
        HeaderBytes.checkLine("Subject: a\tb\r\n c\r\n\td");
    }

    /** Attack 1: a Content-ID whose low bytes spell a line break is refused when the attachment is made. */
    @ParameterizedTest
    @MethodSource("lowByteLineBreaks")
    void refusesAContentIdWithCharactersBeyondAscii(String lineBreak) {
        EmailAttachment logo = EmailAttachment.of("logo.png", new byte[] {1, 2, 3}, "image/png");

        BadHeaderException e = catchThrowableOfType(BadHeaderException.class,
                () -> logo.inline("x" + lineBreak + "X-Evil: 3"));

        assertThat(e.header()).isEqualTo("Content-ID");
        assertThat(e.getMessage()).doesNotContain("X-Evil");
    }

    /** Content-IDs are printable ASCII without white space: raw UTF-8 or a control never reaches any output. */
    @ParameterizedTest
    @ValueSource(strings = {"lögo", "a b", "a\tb", "a\u0001b", "a\u007fb", "a\u0085b"})
    void refusesAContentIdThatIsNotPrintableAscii(String id) {
        EmailAttachment logo = EmailAttachment.of("logo.png", new byte[] {1, 2, 3}, "image/png");

        assertThatThrownBy(() -> logo.inline(id)).isInstanceOf(BadHeaderException.class)
                .hasMessageContaining("'Content-ID'");
    }

    /** Attack 2: a header value with such characters is sent as encoded words, never as raw bytes. */
    @ParameterizedTest
    @MethodSource("lowByteLineBreaks")
    void encodesHeaderValuesWithCharactersBeyondAscii(String lineBreak) throws Exception {
        String value = "x" + lineBreak + "X-Evil: 2";
        RenderedMail mail = rendersCleanly(basic().subject(value).header("X-Custom", value).build());

        assertThat(mail.parsed.getSubject()).isEqualTo(value);
        assertThat(MimeUtility.decodeText(mail.header("X-Custom"))).isEqualTo(value);
    }

    /** A long run of white space inside a value is folded without a line of white space only, which RFC 5322 forbids. */
    @Test
    void foldsLongRunsOfWhiteSpaceWithoutABlankLine() throws Exception {
        String value = "a" + " ".repeat(300) + "b" + "\t".repeat(200) + "c";
        RenderedMail mail = rendersCleanly(basic().subject(value).header("X-Custom", value).build());

        assertThat(mail.parsed.getSubject()).startsWith("a").endsWith("c");
    }

    /** Structured values that cannot be encoded (Date, Message-ID) are refused, naming the header. */
    @ParameterizedTest
    @ValueSource(strings = {"Date", "Message-ID"})
    void refusesStructuredHeaderOverridesThatAreNotPrintableAscii(String header) {
        for (String value : new String[] {"<x\u010AX-Evil: 2@example.com>", "<x\u0001@example.com>",
                "<x\u007f@example.com>"}) {
            EmailMessage message = basic().header(header, value).build();

            BadHeaderException e = catchThrowableOfType(BadHeaderException.class, () -> RenderedMail.of(message));

            assertThat(e.header()).isEqualTo(header);
            assertThat(e.getMessage()).doesNotContain("@");
        }
    }

    /** Attack 3: a file name with such characters is RFC 2231 or RFC 2047 encoded and reads back. */
    @ParameterizedTest
    @MethodSource("lowByteLineBreaks")
    void encodesFileNamesWithCharactersBeyondAscii(String lineBreak) throws Exception {
        String filename = "a" + lineBreak + "X-Evil: 4.txt";
        RenderedMail mail = rendersCleanly(basic().attach(filename, new byte[] {1, 2}, "application/pdf").build());

        assertThat(mail.part(1).getFileName()).isEqualTo(filename);
    }

    /**
     * Found by {@code HeaderBytesFuzzTest}: a non-ASCII file name holding a quote or a backslash
     * used to end the quoted {@code name=} parameter early (encoded words in text mode leave them
     * as they are), and rendering failed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"p=\"x\u010AX-Evil: 5\".txt", "ä\\\"b.txt", "\"ö\""})
    void encodesQuotesAndBackslashesInNonAsciiFileNames(String filename) throws Exception {
        RenderedMail mail = rendersCleanly(basic().attach(filename, new byte[] {1, 2}, "application/pdf").build());

        assertThat(mail.part(1).getFileName()).isEqualTo(filename);
        assertThat(MimeUtility.decodeText(new ContentType(mail.part(1).getContentType()).getParameter("name")))
                .isEqualTo(filename);
    }

    /** A file name with a control character is refused: once decoded it would be one. */
    @ParameterizedTest
    @ValueSource(strings = {"a\u0001.txt", "a\u007f.txt", "a\u0085.txt", "a\u009b.txt"})
    void refusesFileNamesWithControlCharacters(String filename) {
        assertThatThrownBy(() -> basic().attach(filename, new byte[] {1}, "application/pdf").build())
                .isInstanceOf(BadHeaderException.class).hasMessageContaining("'attachment filename'");
    }

    static Stream<Arguments> mimetypeParameters() {
        return Stream.of(
                Arguments.of("application/x-data; p=\"x\u010AX-Evil: 5\"", "x\u010AX-Evil: 5"),
                Arguments.of("application/x-data; p=\"x\u010DX-Evil: 5\"", "x\u010DX-Evil: 5"),
                Arguments.of("application/x-data; p*=utf-8''%C4%8AX-Evil%3A%205", "\u010AX-Evil: 5"),
                Arguments.of("application/x-data; p*0*=utf-8''%C4%8AX-; p*1=Evil", "\u010AX-Evil"));
    }

    /**
     * Attack 4: a parameter of a given MIME type (say a browser upload's Content-Type), plain or
     * in RFC 2231 form, whose characters are beyond ASCII is sent RFC 2231 encoded and reads back.
     */
    @ParameterizedTest
    @MethodSource("mimetypeParameters")
    void encodesMimetypeParametersBeyondAscii(String mimetype, String value) throws Exception {
        RenderedMail mail = rendersCleanly(basic().attach("data.bin", new byte[] {1, 2}, mimetype).build());

        assertThat(new ContentType(mail.part(1).getContentType()).getParameter("p")).isEqualTo(value);
    }

    /** A parameter that is, or decodes to, a line break or another control is refused, naming Content-Type. */
    @ParameterizedTest
    @ValueSource(strings = {"application/x-data; p*=utf-8''%0AX-Evil%3A%205", "application/x-data; p*=utf-8''%0D",
            "application/x-data; p*=iso-8859-1''a%85b", "application/x-data; p*=utf-8''%C2%85",
            "application/x-data; p=\"a\u0001b\"", "application/x-data; p*0*=utf-8''a; p*1*=%0A",
            "application/x-data; p*=utf-8''%FF%0A",
            "application/x-data; p*0*=x-unknown''a; p*1*=%0A"})
    void refusesMimetypeParametersThatDecodeToControlCharacters(String mimetype) {
        EmailMessage message = basic().attach("data.bin", new byte[] {1, 2}, mimetype).build();

        BadHeaderException e = catchThrowableOfType(BadHeaderException.class, () -> RenderedMail.of(message));

        assertThat(e.header()).isEqualTo("Content-Type");
    }

    /** Type, subtype and parameter names are tokens: anything else is refused rather than passed on. */
    @ParameterizedTest
    @ValueSource(strings = {"application/x\u010Adata", "applicätion/x", "application/x; p\u010A=1",
            "application/x-data; p=x\u020AX-Evil"})
    void refusesMimetypeTokensBeyondAscii(String mimetype) {
        EmailMessage message = basic().attach("data.bin", new byte[] {1, 2}, mimetype).build();

        assertThatThrownBy(() -> RenderedMail.of(message)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Content-Type");
    }

    /** The same parameter attacks through a text attachment's and an alternative's type. */
    @Test
    void encodesParametersOfTextAttachmentsAndAlternatives() throws Exception {
        String mimetype = "text/plain; p*=utf-8''%C4%8AX-Evil%3A%205";
        RenderedMail mail = rendersCleanly(basic().attach("a.txt", "text", mimetype)
                .attachAlternative("<p>x</p>", "text/html; p=\"\u010AX-Evil: 6\"").build());

        assertThat(new ContentType(mail.part(0, 1).getContentType()).getParameter("p")).isEqualTo("\u010AX-Evil: 6");
        assertThat(new ContentType(mail.part(1).getContentType()).getParameter("p")).isEqualTo("\u010AX-Evil: 5");
    }

    /**
     * Issue 12 (6): a quoted local part that holds {@code >} or white space could carry ESMTP
     * parameters to a relay that splits at {@code >}; it is refused, naming the header only.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\"x> NOTIFY=SUCCESS ORCPT=rfc822;spy@evil.example\"@example.com",
            "\"x>NOTIFY=SUCCESS\"@example.com", "\"a<b\"@example.com", "\"a b\"@example.com", "\"a\tb\"@example.com"})
    void refusesAngleBracketsAndWhiteSpaceInQuotedLocalParts(String address) {
        EmailMessage message = basic().to(address).build();

        for (Runnable action : new Runnable[] {() -> RENDERER.envelope(message), () -> RenderedMail.of(message)}) {
            assertThatThrownBy(action::run).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'To'").hasMessageNotContaining("@").hasMessageNotContaining("NOTIFY");
        }
    }

    /** A domain literal holds printable ASCII only; the brackets may not hide white space or controls. */
    @ParameterizedTest
    @ValueSource(strings = {"to@[192.0.2.1 x]", "to@[a\u010Ab]", "to@[a\\]b]"})
    void refusesDomainLiteralsThatAreNotPrintableAscii(String address) {
        EmailMessage message = basic().to(address).build();

        assertThatThrownBy(() -> RENDERER.envelope(message)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'To'").hasMessageNotContaining("@");
    }

    /** Display names beyond ASCII are RFC 2047 encoded, as in Django, and read back. */
    @ParameterizedTest
    @MethodSource("lowByteLineBreaks")
    void encodesDisplayNamesWithCharactersBeyondAscii(String lineBreak) throws Exception {
        String name = "Ada" + lineBreak + "X-Evil: 7";
        RenderedMail mail = rendersCleanly(basic().to("\"" + name + "\" <to@example.com>").build());

        assertThat(((InternetAddress) mail.parsed.getRecipients(MimeMessage.RecipientType.TO)[0])
                .getPersonal()).isEqualTo(name);
    }

    /**
     * Issue 12 (7): bytes given as message/rfc822 that no RFC 5322 message could hold in 7bit or
     * 8bit (a line over 998 octets, a NUL) are never declared {@code binary}, which needs
     * BINARYMIME; they go as application/octet-stream, base64 or quoted-printable, unchanged.
     */
    @Test
    void neverDeclaresBinaryForAttachedMessageBytes(@TempDir Path dir) throws Exception {
        byte[] longLine = ("Subject: b\r\n\r\n" + "z".repeat(1200) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] nul = "Subject: c\r\n\r\na\0b\r\n".getBytes(StandardCharsets.US_ASCII);
        Path eml = Files.write(dir.resolve("long.eml"), longLine);
        RenderedMail mail = rendersCleanly(basic().attach(EmailAttachment.message(longLine))
                .attach(EmailAttachment.message(nul)).attach(EmailAttachment.fromFile(eml, "message/rfc822"))
                .attachAlternative(EmailAlternative.of(nul, "message/rfc822")).build());

        assertThat(mail.raw()).doesNotContainPattern("(?im)^Content-Transfer-Encoding: *binary");
        assertThat(mail.raw().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
        assertThat(mail.raw()).doesNotContain("\0");
        for (int[] path : new int[][] {{1}, {2}, {3}}) {
            Part part = mail.part(path);
            assertThat(new ContentType(part.getContentType()).getBaseType()).isEqualTo("application/octet-stream");
            assertThat(part.getHeader("Content-Transfer-Encoding")[0]).isIn("base64", "quoted-printable");
        }
        assertThat(RenderedMail.decoded(mail.part(1))).containsExactly(longLine);
        assertThat(RenderedMail.decoded(mail.part(2))).containsExactly(nul);
        assertThat(RenderedMail.decoded(mail.part(3))).containsExactly(longLine);
        assertThat(RenderedMail.decoded(mail.part(0, 1))).containsExactly(nul);
    }

    /**
     * Attached messages that are valid RFC 5322 stay message/rfc822, 7bit or 8bit, even nested;
     * one whose only part is quoted-printable (a long line) is 7bit, never quoted-printable.
     */
    @Test
    void keepsValidAttachedMessagesUnencodedAtAnyDepth() throws Exception {
        EmailMessage inner = basic().subject("Inner").attach(EmailAttachment.message(
                "Subject: x\r\n\r\nGrüße\r\n".getBytes(StandardCharsets.UTF_8))).build();
        EmailMessage longLines = basic().subject("Long").body("y".repeat(1200)).build();
        RenderedMail mail = rendersCleanly(basic().attachMessage(inner).attachMessage(longLines).build());

        assertThat(mail.part(1).getHeader("Content-Transfer-Encoding")[0]).isEqualTo("8bit");
        assertThat(mail.part(2).getHeader("Content-Transfer-Encoding")[0]).isEqualTo("7bit");
        assertThat(((MimeMessage) mail.part(2).getContent()).getContent()).isEqualTo("y".repeat(1200) + "\r\n");
        assertThat(mail.raw()).doesNotContainPattern("(?im)^Content-Transfer-Encoding: *binary");
    }

    /** Through the file backend: the parameter attack is written as ASCII, the Content-ID attack never. */
    @Test
    void theFileBackendWritesOnlyPrintableAsciiHeaders(@TempDir Path dir) throws IOException {
        EmailMessage message = basic().attach("a" + "\u010A" + "X-Evil: 4.txt", new byte[] {1, 2},
                "application/x-data; p*=utf-8''%C4%8AX-Evil%3A%205; q=\"\u020AX-Evil: 6\"").build();
        EmailMessage control = basic().header("Message-ID", "<x\u0001@example.com>").build();

        try (FileBackend file = new FileBackend(dir, new MimeRenderer(RenderedMail.SETTINGS), false)) {
            file.open();
            assertThat(file.sendMessages(List.of(message))).isEqualTo(1);
            assertThatThrownBy(() -> file.sendMessages(List.of(control))).isInstanceOf(BadHeaderException.class)
                    .hasMessageContaining("'Message-ID'");
        }

        try (Stream<Path> files = Files.list(dir)) {
            byte[] written = Files.readAllBytes(files.findFirst().orElseThrow());
            String text = new String(written, StandardCharsets.ISO_8859_1);
            byte[] first = text.substring(0, text.indexOf("\n" + "-".repeat(79))).getBytes(StandardCharsets.ISO_8859_1);
            assertThat(HeaderBlocks.check(first)).allSatisfy(block -> assertThat(block.names()).doesNotContain("x-evil"));
            assertThat(text).doesNotContainPattern("(?m)^X-Evil").doesNotContain("Message-ID: <x");
        }
    }
}

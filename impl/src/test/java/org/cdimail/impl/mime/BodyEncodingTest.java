package org.cdimail.impl.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import jakarta.mail.Part;

import org.cdimail.EmailMessage;
import org.junit.jupiter.api.Test;

/** Django's MSG behaviours on bodies: charsets, readable transfer encodings, line breaks. */
class BodyEncodingTest {

    private static EmailMessage.Builder basic(String body) {
        return EmailMessage.builder().subject("Subject").body(body).from("from@example.com").to("to@example.com");
    }

    private static String cte(Part part) throws Exception {
        return part.getHeader("Content-Transfer-Encoding")[0];
    }

    /**
     * Django {@code test_encoding} (#12791): reproduced as in the Django 6 line; an iso-8859-1
     * body with short lines is sent 8bit in that charset (Django 3.2 used quoted-printable).
     */
    @Test
    void encodesTheBodyInTheMessageCharset() throws Exception {
        RenderedMail mail = RenderedMail.of(basic("Firstname Sürname is a great guy.").encoding("iso-8859-1").build());

        assertThat(mail.parsed.getContentType()).isEqualTo("text/plain; charset=iso-8859-1");
        assertThat(cte(mail.parsed)).isEqualTo("8bit");
        assertThat(mail.raw()).contains("Firstname S\u00fcrname is a great guy.\r\n");
        assertThat(mail.parsed.getContent()).isEqualTo("Firstname Sürname is a great guy.\r\n");
    }

    /** Django {@code test_dont_mangle_from_in_body} (#13433): reproduced; no ">From". */
    @Test
    void neverManglesFromAtTheStartOfABodyLine() throws Exception {
        RenderedMail mail = RenderedMail.of(basic("From the future").build());

        assertThat(mail.raw()).contains("\r\n\r\nFrom the future").doesNotContain(">From");
    }

    /**
     * Django {@code test_body_content_transfer_encoding} and 3.2 {@code test_dont_base64_encode}
     * (#3472, #11212): reproduced; 7bit for ASCII, 8bit for Latin and Cyrillic text with short lines.
     */
    @Test
    void usesSevenOrEightBitForTextWithShortLines() throws Exception {
        assertThat(cte(RenderedMail.of(basic("Body with only ASCII characters.").build()).parsed)).isEqualTo("7bit");
        RenderedMail latin = RenderedMail.of(basic("Body with latin characters: àáä.").build());
        assertThat(cte(latin.parsed)).isEqualTo("8bit");
        assertThat(latin.parsed.getContent()).isEqualTo("Body with latin characters: àáä.\r\n");
        RenderedMail cyrillic = RenderedMail.of(basic("Body with non latin characters: А Б В Г Д Е Ж Ѕ З И І К Л М Н О П.")
                .build());
        assertThat(cte(cyrillic.parsed)).isEqualTo("8bit");
    }

    /**
     * Django {@code test_body_content_transfer_encoding} and {@code test_send_long_lines}:
     * reproduced; a line over 998 octets gets the shorter of base64 (Cyrillic) and quoted-printable
     * (mostly ASCII Latin), and decodes back exactly.
     */
    @Test
    void usesTheShorterOfBase64AndQuotedPrintableForLinesOver998Octets() throws Exception {
        String cyrillic = "Body with non latin characters: А Б В Г Д Е Ж Ѕ З И І К Л М Н О П. ".repeat(20);
        RenderedMail base64 = RenderedMail.of(basic(cyrillic).build());
        assertThat(cte(base64.parsed)).isEqualTo("base64");
        assertThat(base64.parsed.getContent()).isEqualTo(cyrillic + "\r\n");

        String norwegian = "Fjordene i Norge er vakre, og været skifter ofte i løpet av dagen. ".repeat(40);
        RenderedMail qp = RenderedMail.of(basic(norwegian).build());
        assertThat(cte(qp.parsed)).isEqualTo("quoted-printable");
        assertThat(qp.parsed.getContent()).isEqualTo(norwegian + "\r\n");
        assertThat(qp.raw().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
    }

    /** An ASCII line over 998 octets cannot go 7bit either: quoted-printable keeps it readable. */
    @Test
    void usesQuotedPrintableForALongAsciiLine() throws Exception {
        String body = "x".repeat(2000);
        RenderedMail mail = RenderedMail.of(basic(body).build());

        assertThat(cte(mail.parsed)).isEqualTo("quoted-printable");
        assertThat(mail.parsed.getContent()).isEqualTo(body + "\r\n");
    }

    /** A line of exactly 998 octets still fits: the limit is inclusive. */
    @Test
    void keepsSevenBitForALineOfExactly998Octets() throws Exception {
        assertThat(cte(RenderedMail.of(basic("y".repeat(998)).build()).parsed)).isEqualTo("7bit");
        assertThat(cte(RenderedMail.of(basic("y".repeat(999)).build()).parsed)).isEqualTo("quoted-printable");
    }

    /** Django {@code test_email_msg_uses_crlf} (#23063), at the rendering level: lone CR and LF become CRLF. */
    @Test
    void normalisesLoneCrAndLfToCrlf() throws Exception {
        RenderedMail mail = RenderedMail.of(basic("one\ntwo\rthree\r\nfour\n\nfive").build());

        assertThat(mail.raw()).contains("one\r\ntwo\r\nthree\r\nfour\r\n\r\nfive\r\n");
        assertThat(mail.raw().replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
    }

    /** The message encoding applies to the body, and the default charset setting when there is none. */
    @Test
    void usesTheDefaultCharsetSettingWhenTheMessageHasNoEncoding() throws Exception {
        RenderSettings latin1 = RenderSettings.from(key -> java.util.Optional.ofNullable(
                key.equals(RenderSettings.DEFAULT_CHARSET) ? "ISO-8859-1" : null));
        RenderedMail mail = RenderedMail.of(new MimeRenderer(latin1), basic("Sürname").subject("Sürname").build());

        assertThat(mail.parsed.getContentType()).isEqualTo("text/plain; charset=iso-8859-1");
        assertThat(mail.raw()).contains("S\u00fcrname\r\n").contains("=?iso-8859-1?");
        assertThat(new String(RenderedMail.decoded(mail.parsed), StandardCharsets.ISO_8859_1)).isEqualTo("Sürname\r\n");
    }

    /** Text the message charset cannot represent is sent in UTF-8, declared as such, rather than damaged. */
    @Test
    void fallsBackToUtf8ForABodyTheCharsetCannotEncode() throws Exception {
        RenderedMail mail = RenderedMail.of(basic("Gżegżółka").encoding("iso-8859-1").build());

        assertThat(mail.parsed.getContentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(mail.parsed.getContent()).isEqualTo("Gżegżółka\r\n");
    }

    /** An HTML body ({@code content_subtype = "html"}) is a single text/html part. */
    @Test
    void rendersAnHtmlBodyAsTextHtml() throws Exception {
        RenderedMail mail = RenderedMail.of(basic("<p>Hello</p>").contentSubtype(EmailMessage.HTML).build());

        assertThat(mail.structure()).isEqualTo("text/html");
        assertThat(mail.parsed.getContentType()).isEqualTo("text/html; charset=utf-8");
    }

    /**
     * Django 3.2 {@code test_send_long_lines}: reproduced; the 998 limit counts octets, so a line
     * of 600 Cyrillic characters (1200 octets in UTF-8) cannot be sent 8bit.
     */
    @Test
    void countsTheLineLimitInOctetsNotCharacters() throws Exception {
        String line = "Ж".repeat(600);
        RenderedMail mail = RenderedMail.of(basic(line).build());

        assertThat(cte(mail.parsed)).isIn("base64", "quoted-printable");
        assertThat(mail.parsed.getContent()).isEqualTo(line + "\r\n");
    }
}

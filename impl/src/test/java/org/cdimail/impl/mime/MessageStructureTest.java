package org.cdimail.impl.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.cdimail.EmailAttachment;
import org.cdimail.EmailMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Django's {@code test_mime_structure} and the ALT behaviours: the MIME tree of each kind of message. */
class MessageStructureTest {

    private static final byte[] PDF = "%PDF-1.4.%fake".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};

    private static EmailMessage.Builder basic() {
        return EmailMessage.builder().subject("Subject").body("text").from("from@example.com").to("to@example.com");
    }

    static Stream<Arguments> structures() {
        EmailMessage inner = basic().subject("inner").build();
        return Stream.of(
                Arguments.of("body only", basic(), "text/plain"),
                Arguments.of("html body", basic().contentSubtype("html"), "text/html"),
                Arguments.of("alternative", basic().attachAlternative("<p>html</p>", "text/html"),
                        "multipart/alternative(text/plain,text/html)"),
                Arguments.of("two alternatives", basic().attachAlternative("<p>html</p>", "text/html")
                        .attachAlternative("# md", "text/markdown"),
                        "multipart/alternative(text/plain,text/html,text/markdown)"),
                Arguments.of("attachment", basic().attach("file.pdf", PDF, null),
                        "multipart/mixed(text/plain,application/pdf)"),
                Arguments.of("two attachments", basic().attach("file.pdf", PDF, null).attach("file.txt", "text", null),
                        "multipart/mixed(text/plain,application/pdf,text/plain)"),
                Arguments.of("alternative and attachment", basic().attachAlternative("<p>html</p>", "text/html")
                        .attach("file.pdf", PDF, null),
                        "multipart/mixed(multipart/alternative(text/plain,text/html),application/pdf)"),
                Arguments.of("rfc822", basic().attachMessage(inner), "multipart/mixed(text/plain,message/rfc822)"),
                Arguments.of("alternative and rfc822", basic().attachAlternative("<p>html</p>", "text/html")
                        .attachMessage(inner),
                        "multipart/mixed(multipart/alternative(text/plain,text/html),message/rfc822)"),
                Arguments.of("html body with inline image", basic().body("<img src=\"cid:logo\">").contentSubtype("html")
                        .attach(EmailAttachment.of("logo.png", PNG, null).inline("logo")),
                        "multipart/related(text/html,image/png)"),
                Arguments.of("html alternative with inline image and attachment",
                        basic().attachAlternative("<img src=\"cid:logo\">", "text/html")
                                .attach(EmailAttachment.of("logo.png", PNG, null).inline("logo"))
                                .attach("file.pdf", PDF, null),
                        "multipart/mixed(multipart/alternative(text/plain,multipart/related(text/html,image/png)),"
                                + "application/pdf)"),
                Arguments.of("inline part not referenced", basic()
                                .attach(EmailAttachment.of("logo.png", PNG, null).inline("logo")),
                        "multipart/mixed(text/plain,image/png)"));
    }

    /** Django {@code test_mime_structure}: reproduced, plus multipart/related for inline parts (improved). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("structures")
    void buildsTheMimeTreeDjangoBuilds(String name, EmailMessage.Builder builder, String expected) throws Exception {
        assertThat(RenderedMail.of(builder.build()).structure()).isEqualTo(expected);
    }

    /** Django {@code test_attachments_with_alternative_parts} (#9367): reproduced with content checks. */
    @Test
    void wrapsAlternativesAndAttachmentsInMixed() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().attachAlternative("<p>This is an <strong>important</strong> message.</p>",
                "text/html").attach("an attachment.pdf", PDF, "application/pdf").build());

        assertThat(RenderedMail.decodedText(mail.part(0, 0))).isEqualTo("text\r\n");
        assertThat(RenderedMail.decodedText(mail.part(0, 1)))
                .isEqualTo("<p>This is an <strong>important</strong> message.</p>\r\n");
        assertThat(mail.part(1).getFileName()).isEqualTo("an attachment.pdf");
        assertThat(RenderedMail.decoded(mail.part(1))).containsExactly(PDF);
    }

    /**
     * Django {@code test_multipart_with_attachments} / 3.2 {@code test_safe_mime_multipart_with_attachments}:
     * reproduced; an empty body still gives a text/plain part, and the HTML alternative is kept.
     */
    @Test
    void keepsTheAlternativeWhenTheBodyIsEmpty() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().body("").attachAlternative("<p>html</p>", "text/html")
                .attach("file.txt", "content", "text/plain").build());

        assertThat(mail.structure()).isEqualTo("multipart/mixed(multipart/alternative(text/plain,text/html),text/plain)");
        assertThat(RenderedMail.decodedText(mail.part(0, 0))).isEqualTo("\r\n");
        assertThat(RenderedMail.decodedText(mail.part(0, 1))).isEqualTo("<p>html</p>\r\n");
    }

    /** Inline parts keep their Content-ID and inline disposition, next to the HTML that references them. */
    @Test
    void givesInlinePartsTheirContentIdAndInlineDisposition() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().body("<img src=\"cid:logo@example\">").contentSubtype("html")
                .attach(EmailAttachment.of("logo.png", PNG, null).inline("logo@example")).build());

        jakarta.mail.Part image = mail.part(1);
        assertThat(image.getHeader("Content-ID")).containsExactly("<logo@example>");
        assertThat(image.getDisposition()).isEqualTo("inline");
        assertThat(image.getFileName()).isEqualTo("logo.png");
        assertThat(RenderedMail.decoded(image)).containsExactly(PNG);
    }
}

package org.cdimail.impl.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.cdimail.EmailMessage;
import org.junit.jupiter.api.Test;

/** Django's {@code test_mime_structure} and related: the MIME tree of each kind of message. */
class MessageStructureTest {

    /** Django {@code test_ascii}: reproduced. */
    @Test
    void rendersAsciiHeadersAndBodyAsOneTextPart() throws Exception {
        RenderedMail mail = RenderedMail.of(EmailMessage.builder().subject("Subject").body("Content")
                .from("from@example.com").to("to@example.com").build());

        assertThat(mail.structure()).isEqualTo("text/plain");
        assertThat(mail.header("Subject")).isEqualTo("Subject");
        assertThat(mail.header("From")).isEqualTo("from@example.com");
        assertThat(mail.header("To")).isEqualTo("to@example.com");
        assertThat(mail.header("Content-Transfer-Encoding")).isEqualTo("7bit");
        assertThat(mail.parsed.getContent()).isEqualTo("Content\r\n");
    }

    /** Django {@code test_attachments_with_alternative_parts} (#9367): reproduced. */
    @Test
    void wrapsAlternativesAndAttachmentsInMixed() throws Exception {
        RenderedMail mail = RenderedMail.of(EmailMessage.builder().subject("hello").body("text")
                .to("to@example.com").attachAlternative("<p>html</p>", "text/html")
                .attach("file.pdf", "%PDF-1.4 fake".getBytes(java.nio.charset.StandardCharsets.US_ASCII), null)
                .build());

        assertThat(mail.structure()).isEqualTo("multipart/mixed(multipart/alternative(text/plain,text/html),application/pdf)");
        assertThat(RenderedMail.decodedText(mail.part(0, 1))).isEqualTo("<p>html</p>\r\n");
        assertThat(mail.part(1).getFileName()).isEqualTo("file.pdf");
    }
}

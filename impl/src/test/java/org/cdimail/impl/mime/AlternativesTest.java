package org.cdimail.impl.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.cdimail.EmailAlternative;
import org.cdimail.EmailMessage;
import org.junit.jupiter.api.Test;

/** Django's ALT behaviours that show in the rendered message. */
class AlternativesTest {

    private static EmailMessage.Builder basic() {
        return EmailMessage.builder().subject("Subject").body("Firstname Sürname is a great guy.")
                .from("from@example.com").to("to@example.com");
    }

    /** Django {@code test_encoding_alternatives} and 3.2 {@code test_encoding} (#12791): reproduced. */
    @Test
    void encodesTextAndHtmlPartsInTheMessageCharset() throws Exception {
        RenderedMail mail = RenderedMail.of(basic().encoding("iso-8859-1")
                .attachAlternative("<p>Firstname Sürname is a <strong>great</strong> guy.</p>", "text/html").build());

        assertThat(mail.part(0).getContentType()).isEqualTo("text/plain; charset=iso-8859-1");
        assertThat(mail.part(1).getContentType()).isEqualTo("text/html; charset=iso-8859-1");
        assertThat(mail.part(0).getContent()).isEqualTo("Firstname Sürname is a great guy.\r\n");
        assertThat(mail.part(1).getContent()).isEqualTo("<p>Firstname Sürname is a <strong>great</strong> guy.</p>\r\n");
        assertThat(mail.raw()).contains("<p>Firstname S\u00fcrname is a");
    }

    /** Django {@code test_alternative_alternatives}: reproduced; text or bytes, and not only text/*. */
    @Test
    void acceptsBinaryAndNonTextAlternatives() throws Exception {
        byte[] json = "{\"name\": \"Sürname\"}".getBytes(StandardCharsets.UTF_8);
        byte[] image = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, '\n'};
        RenderedMail mail = RenderedMail.of(basic()
                .attachAlternative(EmailAlternative.of(json, "application/json"))
                .attachAlternative(EmailAlternative.of(image, "image/png"))
                .attachAlternative("<p>html</p>", "text/html").build());

        assertThat(mail.structure()).isEqualTo("multipart/alternative(text/plain,application/json,image/png,text/html)");
        assertThat(RenderedMail.decoded(mail.part(1))).containsExactly(json);
        assertThat(RenderedMail.decoded(mail.part(2))).containsExactly(image);
        assertThat(mail.part(3).getContent()).isEqualTo("<p>html</p>\r\n");
    }

    /** A binary alternative keeps every byte, CR and LF included, whatever encoding is chosen. */
    @Test
    void keepsEveryByteOfABinaryAlternative() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        RenderedMail mail = RenderedMail.of(basic().attachAlternative(EmailAlternative.of(all, "application/x-test"))
                .build());

        assertThat(RenderedMail.decoded(mail.part(1))).containsExactly(all);
    }
}

package org.cdimail.impl.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.URLClassLoader;

import jakarta.mail.internet.MimeMessage;

import org.cdimail.EmailMessage;
import org.cdimail.spi.MessageRenderer;
import org.junit.jupiter.api.Test;

/**
 * {@link EmailMessage#message()} without CDI: Django's {@code test_message_is_python_email_message},
 * mapped to "message() returns a Jakarta Mail MimeMessage", with the settings of MicroProfile Config.
 */
class ServiceLoadedRendererTest {

    @Test
    void isTheRendererFoundByTheApi() {
        assertThat(MessageRenderer.instance()).isInstanceOf(ServiceLoadedRenderer.class);
    }

    /** Django {@code test_message_is_python_email_message}: mapped; the result is a {@link MimeMessage}. */
    @Test
    void rendersAMimeMessageWithoutCdi() throws Exception {
        EmailMessage message = EmailMessage.builder().subject("Subject").body("Content").from("from@example.com")
                .to("to@example.com").build();

        MimeMessage mime = message.message();

        assertThat(mime.getSubject()).isEqualTo("Subject");
        assertThat(mime.getHeader("Message-ID", null)).isNotBlank();
        MimeMessage parsed = new MimeMessage(RenderedMail.SESSION, new ByteArrayInputStream(message.toBytes()));
        assertThat(parsed.getContent()).isEqualTo("Content\r\n");
    }

    /** A MimeMessage saved again keeps the Message-ID it was rendered with. */
    @Test
    void keepsTheMessageIdWhenTheMimeMessageIsSavedAgain() throws Exception {
        MimeMessage mime = EmailMessage.builder().to("to@example.com").build().message();
        String id = mime.getMessageID();

        mime.setSubject("changed");
        mime.saveChanges();

        assertThat(mime.getMessageID()).isEqualTo(id);
    }

    /**
     * With a MicroProfile Config implementation present (SmallRye in the tests), the default
     * alias's keys apply. A fresh context class loader gets a fresh configuration.
     */
    @Test
    void readsTheDefaultSenderFromMicroProfileConfig() throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        String before = System.getProperty("mail.default-from");
        try (URLClassLoader fresh = new URLClassLoader(new URL[0], previous)) {
            System.setProperty("mail.default-from", "configured@example.com");
            Thread.currentThread().setContextClassLoader(fresh);

            MimeMessage mime = EmailMessage.builder().to("to@example.com").build().message();

            assertThat(mime.getHeader("From", null)).isEqualTo("configured@example.com");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            if (before == null) {
                System.clearProperty("mail.default-from");
            } else {
                System.setProperty("mail.default-from", before);
            }
        }
    }

    /**
     * Jakarta Mail's {@code updateHeaders} would choose its own transfer encodings; saving the
     * rendered message again (as a transport may) must keep the ones chosen by the renderer.
     */
    @Test
    void keepsTransferEncodingsWhenTheMimeMessageIsSavedAgain() throws Exception {
        MimeMessage mime = EmailMessage.builder().body("Grüße").to("to@example.com")
                .attach("data.bin", "%PDF mostly ASCII\n".repeat(50).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "application/pdf")
                .build().message();

        mime.saveChanges();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        mime.writeTo(out);

        MimeMessage parsed = new MimeMessage(RenderedMail.SESSION, new ByteArrayInputStream(out.toByteArray()));
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) parsed.getContent();
        assertThat(parts.getBodyPart(0).getHeader("Content-Transfer-Encoding")).containsExactly("8bit");
        assertThat(parts.getBodyPart(1).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(RenderedMail.decoded(parts.getBodyPart(1)))
                .isEqualTo("%PDF mostly ASCII\n".repeat(50).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

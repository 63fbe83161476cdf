package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import org.cdimail.EmailMessage;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.impl.mime.RenderSettings;

/** The copy handed to the transport writes exactly the rendered bytes, and says when it has. */
class TrackedMessageTest {

    private final Session session = Session.getInstance(new Properties());

    @Test
    void itWritesExactlyTheBytesOfTheRenderedMessageAndNotesThatItDid() throws Exception {
        EmailMessage message = EmailMessage.builder().subject("Grüße, Ada").body("Line one\nLine two\n")
                .from("Ada Lovelace <ada@example.com>").to("bob@example.com").cc("carol@example.com")
                .attachAlternative("<p>Line one</p>", "text/html")
                .attach("notes.txt", "some notes\n", "text/plain")
                .attach("data.bin", new byte[] { 0, 1, 2, (byte) 0xff, 13, 10 }, "application/octet-stream").build();
        MimeMessage rendered = new MimeRenderer(RenderSettings.defaults()).render(message, session);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        rendered.writeTo(expected, new String[] { "Bcc", "Content-Length" });

        TrackedMessage tracked = new TrackedMessage(session, rendered);
        assertThat(tracked.transmitted()).isFalse();
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        tracked.writeTo(actual, new String[] { "Bcc", "Content-Length" });

        assertThat(actual.toString(java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo(expected.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(tracked.transmitted()).isTrue();
        assertThat(tracked.getMessageID()).isEqualTo(rendered.getMessageID());
    }
}

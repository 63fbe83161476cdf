package org.cdimail.impl.backend;

import java.util.Objects;

import jakarta.mail.internet.MimeMessage;

import org.cdimail.impl.mime.Envelope;

/**
 * A message rendered earlier (by a queued alias, at enqueue time) and its SMTP envelope.
 *
 * @param content  the rendered message; {@link MimeMessage#writeTo(java.io.OutputStream, String[])}
 *                 writes its RFC 5322 bytes with CRLF line breaks, as often as it is called, and
 *                 {@link MimeMessage#getMessageID()} gives its {@code Message-ID}
 * @param envelope {@code MAIL FROM} and {@code RCPT TO}, already checked
 */
public record RenderedMail(MimeMessage content, Envelope envelope) {

    /** Checks that both are given. */
    public RenderedMail {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(envelope, "envelope");
    }
}

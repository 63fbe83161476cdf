package org.cdimail.impl.backend.smtp;

import java.util.function.Supplier;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.EmailMessage;
import org.cdimail.impl.mime.Envelope;
import org.cdimail.impl.mime.MimeRenderer;

/**
 * One open SMTP connection, whoever speaks the protocol: cdi-mail's own client
 * ({@link SmtpWire}, the default) or Jakarta Mail's transport ({@link JakartaMailTransport}, for a
 * container session or {@code transport=jakarta-mail}). {@link SmtpConnection} replaces a broken
 * one and resends a message once, the same way for both.
 *
 * <p>Contract of {@link #send}: it returns when every recipient accepted the message; it throws a
 * {@link TransactionRefusedException} when the server refused the message or some recipients on a
 * connection still usable; a {@link ConnectionLostException} when the connection broke (it is then
 * closed, and {@code contentSent()} says whether the server may have the message). Not thread-safe.
 */
interface SmtpTransport {

    /** Renders a message the way this transport writes it (Jakarta Mail wants its own session). */
    MimeMessage render(MimeRenderer renderer, EmailMessage message);

    /**
     * One mail transaction.
     *
     * @param envelope the {@code MAIL FROM} address and the {@code RCPT TO} addresses, at least one
     * @param message  the rendered message, written with its {@code Bcc} left out
     * @param next     called at most once, after this message's content is written, for the
     *                 envelope of the message to begin in the same write (pipelining), or
     *                 {@code null}; a transport may ignore it; may be {@code null}
     * @return every recipient's acceptance, the reply to the final dot and the queue id
     * @throws TransactionRefusedException if the server refused the message or some of its recipients
     * @throws ConnectionLostException     if the connection broke; it is then closed
     * @throws MessagingException          for any other failure of the transport
     * @throws java.io.UncheckedIOException if the content could not be read; the connection is then aborted
     * @throws IllegalStateException        if another message has {@linkplain #begun() begun}
     */
    TransactionOutcome send(Envelope envelope, MimeMessage message, Supplier<Envelope> next) throws MessagingException;

    /** The envelope of the message whose commands went out with the last final dot, if any. */
    Envelope begun();

    /**
     * Gives up the {@linkplain #begun() begun} transaction: the connection is closed without its
     * content (the server may already wait for it), so the server discards it.
     */
    void abandon();

    /** Whether the connection can carry another transaction, as far as this side knows. */
    boolean isOpen();

    /** Says goodbye if the conversation allows, and closes. Never throws. */
    void close();
}

package org.cdimail.impl.backend.smtp;

import static org.cdimail.impl.ImplError.RENDERING_FAILED;
import static org.cdimail.impl.ImplError.TRANSACTION_IN_PROGRESS;

import java.util.function.Supplier;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.MailException;
import org.cdimail.impl.backend.ConnectionOptions;
import org.cdimail.impl.backend.smtp.Delivery.Prepared;
import org.cdimail.impl.mime.Envelope;
import org.cdimail.impl.mime.MimeRenderer;

/**
 * One SMTP connection of an alias, (re)established as needed: on first use, after
 * {@code pool.max-messages-per-connection} messages, and after the server dropped it.
 *
 * <p>When the server dropped the connection (closed it, reset it, or answered {@code 421})
 * before a message's final dot could have reached it, that message is sent again, once, on a new
 * connection: the server cannot have accepted a message it did not receive whole, so nothing is
 * lost or sent twice. A connection lost after the final dot may have left is reported, not
 * retried: the server may have accepted the message before its reply was lost. Nor is a
 * connection that timed out (a server that got stuck, not one that dropped the connection):
 * trying again would only wait as long again, so a send fails within about one timeout. This
 * rule is written once, here, for every {@link SmtpTransport}.
 *
 * <p>Not thread-safe: one thread at a time uses it (under the backend's lock, or leased from the pool).
 */
final class SmtpConnection {

    private final SmtpConnector connector;
    private final ConnectionOptions options;
    private final int maxMessages;
    private SmtpTransport transport;
    /** The message whose transaction went out with the last final dot, not yet sent. */
    private Prepared begun;
    private int transactionsHere;
    private long idleSince = System.nanoTime();
    private String messageId;

    /**
     * @param connector   the alias's connector
     * @param options     the credentials to connect with
     * @param maxMessages messages (mail transactions, accepted or refused) per connection before it is
     *                    replaced; 0 for no limit
     */
    SmtpConnection(SmtpConnector connector, ConnectionOptions options, int maxMessages) {
        this.connector = connector;
        this.options = options;
        this.maxMessages = maxMessages;
    }

    /**
     * Connects, if not connected.
     *
     * @return whether a connection was opened
     * @throws MailException if the connection or authentication fails
     */
    boolean connect() {
        if (transport != null && !transport.isOpen()) {
            transport = null;
        }
        if (transport != null) {
            return false;
        }
        transport = connector.open(options);
        transactionsHere = 0;
        return true;
    }

    /** Whether a transport is open, as far as this side knows (a server may have closed it since). */
    boolean isOpen() {
        return transport != null && transport.isOpen() && begun == null;
    }

    /** Sends {@code QUIT} and closes; never throws. */
    void close() {
        begun = null;
        if (transport != null) {
            transport.close();
            transport = null;
        }
    }

    /** When this connection was last used, in {@link System#nanoTime()} terms. */
    long idleSince() {
        return idleSince;
    }

    /** The {@code Message-ID} of the message last rendered by {@link #send}, or {@code null}. */
    String messageId() {
        return messageId;
    }

    /**
     * Sends one message; with pipelining, the transaction of the message {@code next} gives
     * (taken once, after this message's content) goes out with this message's final dot. That
     * message has then {@linkplain #begun() begun}: the caller's next call must send it, or
     * {@link #abandon()} it.
     *
     * @param next gives the message to send after this one, or {@code null} for none; may be {@code null}
     * @return the server's acceptance of every recipient
     * @throws MailException       if no connection can be opened
     * @throws MessagingException if the server refused the message or the connection failed
     *                             (after the one retry described above)
     */
    TransactionOutcome send(Prepared prepared, Supplier<Prepared> next, MimeRenderer renderer)
            throws MessagingException {
        if (begun != null && begun != prepared) {
            throw new IllegalStateException(
                    TRANSACTION_IN_PROGRESS.message("another message's transaction has begun on this SMTP"
                    + " connection; send it or abandon it first"));
        }
        begun = null;
        messageId = null;
        if (maxMessages > 0 && transactionsHere >= maxMessages) {
            close();
        }
        connect();
        // Rendering and writing both look Jakarta Mail's StreamProvider up: see StreamProviderCache.
        Thread thread = Thread.currentThread();
        ClassLoader usual = thread.getContextClassLoader();
        thread.setContextClassLoader(connector.writingLoader(usual));
        try {
            MimeMessage rendered = render(prepared, renderer);
            return sendResendingOnce(rendered, prepared.envelope(), lookahead(next));
        } finally {
            thread.setContextClassLoader(usual);
        }
    }

    private MimeMessage render(Prepared prepared, MimeRenderer renderer) {
        try {
            MimeMessage rendered = transport.render(renderer, prepared.message());
            messageId = rendered.getMessageID();
            return rendered;
        } catch (MessagingException e) {
            throw new IllegalStateException(RENDERING_FAILED.message("the message could not be written"), e);
        } catch (RuntimeException e) {
            // Its transaction may have begun with the previous message: the server must not wait for it.
            if (transport.begun() != null) {
                abandon();
            }
            throw e;
        }
    }

    /**
     * The envelope of the message to begin after this one: taken from {@code next} once (a
     * retry on a new connection begins the same one), none when this connection is to be
     * replaced after this message.
     */
    private Supplier<Envelope> lookahead(Supplier<Prepared> next) {
        if (next == null || (maxMessages > 0 && transactionsHere + 1 >= maxMessages)) {
            return null;
        }
        return () -> {
            if (begun == null) {
                begun = next.get();
            }
            return begun == null ? null : begun.envelope();
        };
    }

    private TransactionOutcome sendResendingOnce(MimeMessage rendered, Envelope envelope, Supplier<Envelope> next)
            throws MessagingException {
        try {
            return transmit(rendered, envelope, next);
        } catch (ConnectionLostException e) {
            // Not close(): a message begun with this one's dot is still to be sent, on a new connection.
            transport.close();
            transport = null;
            if (e.contentSent()) {
                throw e; // the server may have accepted it before the connection was lost: never send it twice
            }
            if (e.timedOut()) {
                throw e; // a stuck server: a second attempt would only wait as long again
            }
        }
        // The connection broke before the server could have had the whole message: it has nothing; send it again.
        connect();
        return transmit(rendered, envelope, next);
    }

    private TransactionOutcome transmit(MimeMessage rendered, Envelope envelope, Supplier<Envelope> next)
            throws MessagingException {
        try {
            return transport.send(envelope, rendered, next);
        } finally {
            transactionsHere++; // refused or not, the server counted a transaction against its limit
            idleSince = System.nanoTime();
        }
    }

    /**
     * The message whose transaction began with the last message's final dot (see
     * {@link #send(Prepared, Supplier, MimeRenderer)}), or {@code null}.
     */
    Prepared begun() {
        return begun;
    }

    /** Gives up the {@linkplain #begun() begun} message: it is not sent, and the connection is closed. */
    void abandon() {
        begun = null;
        if (transport != null) {
            transport.abandon();
            transport = null;
        }
    }

    @Override
    public String toString() {
        return "SmtpConnection[" + connector + ", open=" + isOpen() + "]";
    }
}

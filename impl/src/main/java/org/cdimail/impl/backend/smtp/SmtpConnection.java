package org.cdimail.impl.backend.smtp;

import java.util.function.Supplier;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.EmailMessage;
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
 * before a message was written out in full, that message is sent again, once, on a new
 * connection: the server cannot have accepted a message it did not receive whole, so nothing is
 * lost or sent twice. A connection lost after the whole message was written is reported, not
 * retried: the server may have accepted the message before its reply was lost.
 *
 * <p>Speaks SMTP through {@link SmtpWire}, or through Jakarta Mail's transport when the connector
 * says so ({@link SmtpConnector#ownClient()}).
 *
 * <p>Not thread-safe: one thread at a time uses it (under the backend's lock, or leased from the pool).
 */
final class SmtpConnection {

    private final SmtpConnector connector;
    private final ConnectionOptions options;
    private final int maxMessages;
    private final boolean ownClient;
    private SmtpWire wire;
    /** The message whose transaction went out with the last final dot, not yet sent. */
    private Prepared begun;
    private Session session;
    private Transport transport;
    private int transactionsHere;
    private long idleSince = System.nanoTime();

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
        this.ownClient = connector.ownClient();
    }

    /**
     * Connects, if not connected.
     *
     * @return whether a connection was opened
     * @throws MailException if the connection or authentication fails
     */
    boolean connect() {
        if (wire != null && !wire.isOpen()) {
            wire = null;
        }
        if (transport != null || wire != null) {
            return false;
        }
        if (ownClient) {
            wire = connector.connectWire(options);
            transactionsHere = 0;
            return true;
        }
        Session fresh = connector.newSession();
        transport = connector.connect(fresh, options);
        session = fresh;
        transactionsHere = 0;
        return true;
    }

    /** Whether a transport is open, as far as this side knows (a server may have closed it since). */
    boolean isOpen() {
        return transport != null || (wire != null && wire.isOpen() && begun == null);
    }

    /** Sends {@code QUIT} and closes; never throws. */
    void close() {
        begun = null;
        if (wire != null) {
            wire.close();
            wire = null;
        }
        SmtpConnector.closeQuietly(transport);
        transport = null;
        session = null;
    }

    /** When this connection was last used, in {@link System#nanoTime()} terms. */
    long idleSince() {
        return idleSince;
    }

    /**
     * Sends one message; over cdi-mail's own client with {@code PIPELINING}, the transaction of
     * the message {@code next} gives (taken once, after this message's content) goes out with
     * this message's final dot. That message has then {@linkplain #begun() begun}: the caller's
     * next call must send it, or {@link #abandon()} it.
     *
     * @param next gives the message to send after this one, or {@code null} for none; may be {@code null}
     * @throws MailException       if no connection can be opened
     * @throws MessagingException if the server refused the message or the connection failed
     *                             (after the one retry described above)
     */
    void send(Prepared prepared, Supplier<Prepared> next, MimeRenderer renderer) throws MessagingException {
        if (begun != null && begun != prepared) {
            throw new IllegalStateException("CDIMAIL-00289: another message's transaction has begun on this SMTP"
                    + " connection; send it or abandon it first");
        }
        begun = null;
        EmailMessage message = prepared.message();
        Envelope envelope = prepared.envelope();
        if (maxMessages > 0 && transactionsHere >= maxMessages) {
            close();
        }
        connect();
        // Rendering and writing both look Jakarta Mail's StreamProvider up: see StreamProviderCache.
        Thread thread = Thread.currentThread();
        ClassLoader usual = thread.getContextClassLoader();
        thread.setContextClassLoader(connector.writingLoader(usual));
        try {
            renderAndSend(message, envelope, renderer, lookahead(next));
        } finally {
            thread.setContextClassLoader(usual);
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

    private void renderAndSend(EmailMessage message, Envelope envelope, MimeRenderer renderer,
            Supplier<Envelope> next) throws MessagingException {
        if (ownClient) {
            MimeMessage rendered;
            try {
                rendered = renderer.render(message, null);
            } catch (RuntimeException e) {
                // Its transaction may have begun with the previous message: the server must not wait for it.
                if (wire != null && wire.begun() != null) {
                    abandon();
                }
                throw e;
            }
            sendOverWire(rendered, envelope, next);
            return;
        }
        MimeMessage rendered = renderer.render(message, session);
        TrackedMessage first = new TrackedMessage(session, rendered);
        try {
            transmit(first, envelope);
            return;
        } catch (MessagingException e) {
            // Refused (sender, recipients, content) on a connection that is still fine: the caller decides.
            if (transport.isConnected()) {
                throw e;
            }
            close();
            if (first.transmitted()) {
                throw e; // the server may have accepted it before the connection was lost: never send it twice
            }
        }
        // The server closed the connection before it had the whole message: it has nothing; send it again.
        connect();
        transmit(new TrackedMessage(session, rendered), envelope);
    }

    private void sendOverWire(MimeMessage rendered, Envelope envelope, Supplier<Envelope> next)
            throws MessagingException {
        try {
            transmitOverWire(rendered, envelope, next);
            return;
        } catch (SmtpWire.ConnectionLostException e) {
            // Not close(): a message begun with this one's dot is still to be sent, on a new connection.
            wire.close();
            wire = null;
            if (e.contentSent()) {
                throw e; // the server may have accepted it before the connection was lost: never send it twice
            }
        }
        // The connection broke before the server had the whole message: it has nothing; send it again.
        connect();
        transmitOverWire(rendered, envelope, next);
    }

    private void transmitOverWire(MimeMessage rendered, Envelope envelope, Supplier<Envelope> next)
            throws MessagingException {
        try {
            wire.send(envelope, rendered, next);
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
        if (wire != null) {
            wire.abandon();
            wire = null;
        }
    }

    private void transmit(TrackedMessage message, Envelope envelope) throws MessagingException {
        session.getProperties().setProperty("mail.smtp.from", envelope.sender().getAddress());
        try {
            transport.sendMessage(message, envelope.recipients().toArray(Address[]::new));
        } finally {
            transactionsHere++; // refused or not, the server counted a transaction against its limit
            idleSince = System.nanoTime();
        }
    }

    @Override
    public String toString() {
        return "SmtpConnection[" + connector + ", open=" + isOpen() + "]";
    }
}

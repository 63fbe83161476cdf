package org.cdimail.impl.backend.smtp;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.impl.backend.ConnectionOptions;
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
    private Session session;
    private Transport transport;
    private int sentHere;
    private long idleSince = System.nanoTime();

    /**
     * @param connector   the alias's connector
     * @param options     the credentials to connect with
     * @param maxMessages messages per connection before it is replaced; 0 for no limit
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
            sentHere = 0;
            return true;
        }
        Session fresh = connector.newSession();
        transport = connector.connect(fresh, options);
        session = fresh;
        sentHere = 0;
        return true;
    }

    /** Whether a transport is open, as far as this side knows (a server may have closed it since). */
    boolean isOpen() {
        return transport != null || (wire != null && wire.isOpen());
    }

    /** Sends {@code QUIT} and closes; never throws. */
    void close() {
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
     * Sends one message.
     *
     * @throws MailException       if no connection can be opened
     * @throws MessagingException if the server refused the message or the connection failed
     *                             (after the one retry described above)
     */
    void send(EmailMessage message, Envelope envelope, MimeRenderer renderer) throws MessagingException {
        if (maxMessages > 0 && sentHere >= maxMessages) {
            close();
        }
        connect();
        // Rendering and writing both look Jakarta Mail's StreamProvider up: see StreamProviderCache.
        Thread thread = Thread.currentThread();
        ClassLoader usual = thread.getContextClassLoader();
        thread.setContextClassLoader(connector.writingLoader(usual));
        try {
            renderAndSend(message, envelope, renderer);
        } finally {
            thread.setContextClassLoader(usual);
        }
    }

    private void renderAndSend(EmailMessage message, Envelope envelope, MimeRenderer renderer)
            throws MessagingException {
        if (ownClient) {
            sendOverWire(renderer.render(message, null), envelope);
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

    private void sendOverWire(MimeMessage rendered, Envelope envelope) throws MessagingException {
        try {
            transmitOverWire(rendered, envelope);
            return;
        } catch (SmtpWire.ConnectionLostException e) {
            close();
            if (e.contentSent()) {
                throw e; // the server may have accepted it before the connection was lost: never send it twice
            }
        }
        // The connection broke before the server had the whole message: it has nothing; send it again.
        connect();
        transmitOverWire(rendered, envelope);
    }

    private void transmitOverWire(MimeMessage rendered, Envelope envelope) throws MessagingException {
        try {
            wire.send(envelope.sender(), envelope.recipients(), rendered);
            sentHere++;
        } finally {
            idleSince = System.nanoTime();
        }
    }

    private void transmit(TrackedMessage message, Envelope envelope) throws MessagingException {
        session.getProperties().setProperty("mail.smtp.from", envelope.sender().getAddress());
        try {
            transport.sendMessage(message, envelope.recipients().toArray(Address[]::new));
            sentHere++;
        } finally {
            idleSince = System.nanoTime();
        }
    }

    @Override
    public String toString() {
        return "SmtpConnection[" + connector + ", open=" + isOpen() + "]";
    }
}

package org.cdimail.impl.backend.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.impl.backend.ConnectionOptions;
import org.cdimail.impl.mime.Envelope;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.spi.EmailBackend;

/**
 * {@code smtp}: one SMTP connection through Jakarta Mail. An explicitly {@link #open() opened}
 * connection is shared by every {@link #sendMessages(List)} call under a lock until
 * {@link #close()}; when not opened, each call uses a transport of its own and closes it, so
 * threads sharing one instance send in parallel. Envelope: {@code MAIL FROM} the message's sender
 * (or the default), {@code RCPT TO} its {@code recipients()}, IDNA domains. When the server
 * refuses some recipients the others still get the message, and a
 * {@link org.cdimail.MailDeliveryException} reports who did not.
 */
public final class SmtpBackend implements EmailBackend {

    private final SmtpConnector connector;
    private final MimeRenderer renderer;
    private final ConnectionOptions options;
    private final ReentrantLock lock = new ReentrantLock();
    private Session session;
    private Transport transport;

    /**
     * A new, unopened connection.
     *
     * @param connector the alias's connector
     * @param renderer  the alias's renderer
     * @param options   fail-silently and credentials of this connection
     */
    public SmtpBackend(SmtpConnector connector, MimeRenderer renderer, ConnectionOptions options) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public boolean open() {
        lock.lock();
        try {
            if (transport != null) {
                return false;
            }
            Session fresh = connector.newSession();
            transport = connector.connect(fresh, options);
            session = fresh;
            return true;
        } catch (MailException e) {
            if (options.failSilently()) {
                return false;
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            SmtpConnector.closeQuietly(transport);
            transport = null;
            session = null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int sendMessages(List<EmailMessage> messages) {
        // Address errors surface before any connection is made, whatever fail-silently says.
        List<Prepared> batch = new ArrayList<>();
        for (EmailMessage message : messages) {
            if (!message.recipients().isEmpty()) {
                batch.add(new Prepared(message, renderer.envelope(message)));
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        lock.lock();
        try {
            if (transport != null) {
                return sendOver(session, transport, batch, true);
            }
        } finally {
            lock.unlock();
        }
        Session own = connector.newSession();
        Transport ownTransport;
        try {
            ownTransport = connector.connect(own, options);
        } catch (MailException e) {
            if (options.failSilently()) {
                return 0;
            }
            throw e;
        }
        try {
            return sendOver(own, ownTransport, batch, false);
        } finally {
            SmtpConnector.closeQuietly(ownTransport);
        }
    }

    private int sendOver(Session via, Transport over, List<Prepared> batch, boolean shared) {
        int sent = 0;
        for (Prepared prepared : batch) {
            MimeMessage mime = renderer.render(prepared.message(), via);
            try {
                via.getProperties().setProperty("mail.smtp.from", prepared.envelope().sender().getAddress());
                over.sendMessage(mime, prepared.envelope().recipients().toArray(Address[]::new));
                sent++;
            } catch (MessagingException e) {
                if (shared && !over.isConnected()) {
                    // The server went away: forget the transport so that the next call reconnects.
                    SmtpConnector.closeQuietly(transport);
                    transport = null;
                    session = null;
                }
                MailException failure = SmtpFailures.sendFailed(connector.settings().alias(), e, sent);
                if (!options.failSilently()) {
                    throw failure;
                }
                if (failure instanceof MailDeliveryException partial && partial.messagesSent() > sent) {
                    sent++;
                }
                if (!over.isConnected()) {
                    break;
                }
            }
        }
        return sent;
    }

    @Override
    public String toString() {
        return "SmtpBackend[" + connector + ", " + options + "]";
    }

    private record Prepared(EmailMessage message, Envelope envelope) {
    }
}

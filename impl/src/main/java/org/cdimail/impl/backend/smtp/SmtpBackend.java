package org.cdimail.impl.backend.smtp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.impl.backend.ConnectionOptions;
import org.cdimail.impl.backend.RenderedDelivery;
import org.cdimail.impl.backend.RenderedMail;
import org.cdimail.impl.backend.smtp.Delivery.Prepared;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.spi.EmailBackend;

/**
 * {@code smtp}: SMTP through cdi-mail's own client ({@link SmtpWire}, pipelined when the server
 * allows), or through Jakarta Mail's transport for a container session or
 * {@code transport=jakarta-mail} ({@link SmtpConnector#ownClient()}), one receipt per message. An explicitly {@link #open() opened} connection is
 * shared by every {@link #sendMessages(List)} call under a lock until {@link #close()}. When not
 * opened, a call uses the alias's pool ({@code pool.max-connections} > 0: pooled connections,
 * several at once for a large batch) or else a connection of its own that it closes, so threads
 * sharing one instance send in parallel. Envelope: {@code MAIL FROM} the message's sender (or the
 * default), {@code RCPT TO} its {@code recipients()}, IDNA domains. When the server refuses some
 * recipients the others still get the message, and a {@link org.cdimail.MailDeliveryException}
 * reports who did not. See {@link SmtpConnection} for how dropped connections are replaced.
 */
public final class SmtpBackend implements EmailBackend, RenderedDelivery {

    private final SmtpConnector connector;
    private final MimeRenderer renderer;
    private final ConnectionOptions options;
    private final SmtpPool pool;
    private final ReentrantLock lock = new ReentrantLock();
    private SmtpConnection opened;

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
        // Pooled connections are logged in with the configured credentials: never lend them to other ones.
        boolean ownCredentials = options.username().isPresent() || options.password().isPresent();
        this.pool = ownCredentials ? null : connector.pool();
    }

    @Override
    public boolean open() {
        lock.lock();
        try {
            if (opened != null) {
                return false;
            }
            SmtpConnection connection = newConnection();
            connection.connect();
            opened = connection;
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
            if (opened != null) {
                opened.close();
                opened = null;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int sendMessages(List<EmailMessage> messages) {
        return Receipt.sentCount(deliver(messages));
    }

    /**
     * {@inheritDoc} Each receipt has the rendered {@code Message-ID}, the recipients the server
     * accepted (envelope addr-specs), the refused ones with the {@code RCPT} reply code, the RFC
     * 3463 enhanced code when given and whether the refusal is temporary, the reply code to the
     * final dot and the server's queue id when its reply gave one in a usual form, and when it
     * was sent. A refused {@code DATA} or final dot, or a lost connection, refuses every recipient
     * not refused already with {@link org.cdimail.Refusal#byFailure}; a message the server may have
     * received before the connection was lost is refused permanently (retrying it could deliver
     * it twice).
     */
    @Override
    public List<Receipt> deliver(List<EmailMessage> messages) {
        // Address errors surface before any connection is made, whatever fail-silently says; a
        // local part beyond ASCII only once the own client knows whether the server offers SMTPUTF8.
        boolean utf8 = connector.ownClient();
        List<Prepared> batch = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            EmailMessage message = messages.get(i);
            if (!message.recipients().isEmpty()) {
                batch.add(new Prepared(i, message, renderer.envelope(message, utf8)));
            }
        }
        return run(new Delivery(messages, batch, renderer, options.failSilently(), connector.settings().alias()),
                batch.isEmpty());
    }

    /**
     * {@inheritDoc} The bytes go out as they are; receipts as {@link #deliver(List)}'s.
     */
    @Override
    public List<Receipt> deliverRendered(List<RenderedMail> messages) {
        List<Prepared> batch = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            RenderedMail mail = messages.get(i);
            if (!mail.envelope().recipients().isEmpty()) {
                batch.add(new Prepared(i, null, mail.envelope(), mail.content()));
            }
        }
        List<EmailMessage> none = Collections.nCopies(messages.size(), null);
        return run(new Delivery(none, batch, renderer, options.failSilently(), connector.settings().alias()),
                batch.isEmpty());
    }

    private List<Receipt> run(Delivery delivery, boolean empty) {
        if (empty) {
            return delivery.outcome();
        }
        lock.lock();
        try {
            if (opened != null) {
                delivery.runOn(opened);
                return delivery.outcome();
            }
        } finally {
            lock.unlock();
        }
        if (pool != null) {
            delivery.runPooled(pool);
        } else {
            SmtpConnection own = newConnection();
            try {
                delivery.runOn(own);
            } finally {
                own.close();
            }
        }
        return delivery.outcome();
    }

    private SmtpConnection newConnection() {
        return new SmtpConnection(connector, options, connector.settings().pool().maxMessagesPerConnection());
    }

    @Override
    public String toString() {
        return "SmtpBackend[" + connector + ", " + options + "]";
    }
}

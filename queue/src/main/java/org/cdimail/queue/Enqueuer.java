package org.cdimail.queue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.EmailMessage;
import org.cdimail.Receipt;
import org.cdimail.impl.ImplError;
import org.cdimail.impl.backend.smtp.StreamProviderCache;
import org.cdimail.impl.mime.Envelope;
import org.cdimail.impl.mime.MimeRenderer;

/**
 * The enqueue stage: renders each message of a batch (every header checked, the envelope
 * validated: a {@link org.cdimail.BadHeaderException} or an invalid address is thrown to the
 * caller before anything of the batch is sent), then stores the bytes and envelopes as persistent
 * JMS messages in one unit of work ({@link Sessions.Unit}). {@link #enqueue} returns once the
 * broker has committed it, its journal synced to disk; inside a JTA transaction joined by the
 * container's connection factory, the messages are queued when that transaction commits. Messages larger than {@value Spool#IN_MEMORY} bytes are streamed
 * from a temporary file as Artemis large messages. Thread-safe.
 */
final class Enqueuer {

    /** Artemis's property that makes a message body stream from an {@code InputStream}. */
    static final String INPUT_STREAM = "JMS_AMQ_InputStream";
    private static final String[] NOT_TRANSMITTED = {"Bcc", "Content-Length"};

    private final MimeRenderer renderer;
    private final String queue;
    /** Jakarta Mail's StreamProvider look-up answered from memory while rendering (see StreamProviderCache). */
    private volatile StreamProviderCache providers;

    Enqueuer(MimeRenderer renderer, String queue) {
        this.renderer = renderer;
        this.queue = queue;
    }

    /**
     * Renders the messages, then enqueues them in one unit of work: a local transaction, or the
     * caller's JTA transaction (the messages are queued when it commits), or one the queue begins.
     *
     * @param sessions where the unit comes from
     * @param messages the batch; messages without recipients are not queued
     * @return one receipt per message: every recipient accepted by the queue, {@link Receipt#queueId()}
     *         the JMS message id; {@link Receipt.Status#NOT_SENT} for a message without recipients
     * @throws JMSException if the broker fails; nothing of the batch was committed (a joined
     *                      transaction is marked for rollback)
     */
    List<Receipt> enqueue(Sessions sessions, List<EmailMessage> messages) throws JMSException {
        Thread thread = Thread.currentThread();
        ClassLoader usual = thread.getContextClassLoader();
        StreamProviderCache cache = StreamProviderCache.around(usual, providers);
        if (cache != null) {
            providers = cache;
            thread.setContextClassLoader(cache);
        }
        List<Rendered> rendered = new ArrayList<>(messages.size());
        try {
            Instant now = Instant.now();
            for (EmailMessage message : messages) {
                rendered.add(render(message, now)); // a bad header is thrown here, before anything is sent
            }
            return send(sessions, messages, rendered, now);
        } finally {
            thread.setContextClassLoader(usual);
            rendered.forEach(r -> {
                if (r != null) {
                    r.spool().close();
                }
            });
        }
    }

    /** A message rendered for the queue: its bytes and what the queue keeps next to them. */
    private record Rendered(Spool spool, QueuedMail mail) {
    }

    private Rendered render(EmailMessage message, Instant now) {
        if (message.recipients().isEmpty()) {
            return null;
        }
        Envelope envelope = renderer.envelope(message);
        MimeMessage mime = renderer.render(message, null);
        Spool spool = new Spool();
        try {
            String messageId = write(mime, spool);
            return new Rendered(spool, QueuedMail.of(envelope, messageId, now));
        } catch (RuntimeException e) {
            spool.close();
            throw e;
        }
    }

    private List<Receipt> send(Sessions sessions, List<EmailMessage> messages, List<Rendered> rendered, Instant now)
            throws JMSException {
        List<Receipt> receipts = new ArrayList<>(messages.size());
        try (Sessions.Unit unit = sessions.open(true)) {
            Session session = unit.session();
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < messages.size(); i++) {
                Rendered one = rendered.get(i);
                if (one == null) {
                    receipts.add(Receipt.builder(i, messages.get(i)).failure("no recipients").build());
                    continue;
                }
                BytesMessage jms = body(session, one.spool());
                one.mail().write(jms);
                producer.send(jms);
                receipts.add(Receipt.builder(i, messages.get(i)).messageId(one.mail().messageId())
                        .accepted(one.mail().recipients()).queueId(jms.getJMSMessageID()).sentAt(now).build());
            }
            unit.commit();
        }
        return receipts;
    }

    /**
     * A JMS message carrying the spool's bytes: in memory, or streamed as a large message.
     *
     * @param session the session
     * @param spool   the bytes, written
     * @return the message
     * @throws JMSException if it cannot be created
     */
    static BytesMessage body(Session session, Spool spool) throws JMSException {
        BytesMessage jms = session.createBytesMessage();
        if (spool.large()) {
            jms.setObjectProperty(INPUT_STREAM, spool.open());
        } else {
            jms.writeBytes(spool.bytes());
        }
        return jms;
    }

    private static String write(MimeMessage rendered, Spool spool) {
        try (OutputStream out = spool.output()) {
            rendered.writeTo(out, NOT_TRANSMITTED);
            return rendered.getMessageID();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(ImplError.RENDERING_FAILED.message("the message could not be rendered"), e);
        }
    }
}

package org.cdimail.queue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
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
 * caller and nothing of the batch is queued), and stores the bytes and envelope as persistent
 * JMS messages in one transaction. {@link #enqueue} returns once the broker has committed it,
 * its journal synced to disk. Messages larger than {@value Spool#IN_MEMORY} bytes are streamed
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
     * Renders and enqueues the messages.
     *
     * @param connection a started or stopped JMS connection (producing needs no start)
     * @param messages   the batch; messages without recipients are not queued
     * @return one receipt per message: every recipient accepted by the queue, {@link Receipt#queueId()}
     *         the JMS message id; {@link Receipt.Status#NOT_SENT} for a message without recipients
     * @throws JMSException if the broker fails; nothing of the batch was committed
     */
    List<Receipt> enqueue(Connection connection, List<EmailMessage> messages) throws JMSException {
        Thread thread = Thread.currentThread();
        ClassLoader usual = thread.getContextClassLoader();
        StreamProviderCache cache = StreamProviderCache.around(usual, providers);
        if (cache != null) {
            providers = cache;
            thread.setContextClassLoader(cache);
        }
        try {
            return enqueueRendering(connection, messages);
        } finally {
            thread.setContextClassLoader(usual);
        }
    }

    private List<Receipt> enqueueRendering(Connection connection, List<EmailMessage> messages) throws JMSException {
        List<Receipt> receipts = new ArrayList<>(messages.size());
        List<Spool> spools = new ArrayList<>();
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            Instant now = Instant.now();
            for (int i = 0; i < messages.size(); i++) {
                EmailMessage message = messages.get(i);
                if (message.recipients().isEmpty()) {
                    receipts.add(Receipt.builder(i, message).failure("no recipients").build());
                    continue;
                }
                Envelope envelope = renderer.envelope(message);
                MimeMessage rendered = renderer.render(message, null);
                Spool spool = new Spool();
                spools.add(spool);
                String messageId = write(rendered, spool);
                QueuedMail mail = QueuedMail.of(envelope, messageId, now);
                BytesMessage jms = body(session, spool);
                mail.write(jms);
                producer.send(jms);
                receipts.add(Receipt.builder(i, message).messageId(messageId).accepted(mail.recipients())
                        .queueId(jms.getJMSMessageID()).sentAt(now).build());
            }
            session.commit();
        } finally {
            spools.forEach(Spool::close);
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

package org.cdimail.queue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.cdimail.Receipt;
import org.cdimail.Refusal;
import org.cdimail.impl.ImplError;
import org.cdimail.impl.backend.RenderedDelivery;
import org.cdimail.impl.backend.RenderedMail;
import org.cdimail.spi.EmailBackend;

/**
 * One consumer of an alias's queue: takes up to {@value #BATCH} ready messages, delivers them
 * over its own connection of the alias's backend, and settles each by its {@link Receipt} in the
 * same JMS transaction that acknowledges it: deferred recipients re-queued (only them) with a
 * scheduled delivery, refused ones (or expired) sent to the dead-letter queue with the reason.
 * The transaction commits only after the receipts are known; a worker killed before that leaves
 * the batch to be handed out again (the at-least-once window, counted as redelivered).
 */
final class Consumer implements Runnable {

    /** Messages per batch, hence per SMTP connection turn, and the most a killed worker may deliver twice. */
    static final int BATCH = 20;

    private static final System.Logger LOG = System.getLogger(Consumer.class.getName());
    private static final long RECEIVE_MILLIS = 200;
    /** The failure id of a connection lost (after the final dot, when its refusal is permanent). */
    private static final String CONNECTION_LOST = ImplError.CONNECTION_LOST.id();
    /** Artemis's property that writes a large message's body to an {@code OutputStream}, blocking until done. */
    private static final String SAVE_STREAM = "JMS_AMQ_SaveStream";

    /** What the consumer shares with its worker. */
    record Shared(Connection connection, QueueSettings settings, RetryPolicy retry, RateLimiter rate,
            WorkerCounts counts, java.util.function.BooleanSupplier stopping) {
    }

    private final Shared shared;
    private final EmailBackend connection;
    private final RenderedDelivery backend;

    /**
     * @param shared     what the worker's consumers share
     * @param connection this consumer's connection of the alias's backend, fail-silently, a {@link RenderedDelivery}
     */
    Consumer(Shared shared, EmailBackend connection) {
        this.shared = shared;
        this.connection = connection;
        this.backend = (RenderedDelivery) connection;
    }

    @Override
    public void run() {
        while (!shared.stopping().getAsBoolean()) {
            try (Session session = shared.connection().createSession(true, Session.SESSION_TRANSACTED)) {
                Queue queue = session.createQueue(shared.settings().queueName());
                MessageConsumer consumer = session.createConsumer(queue);
                MessageProducer retries = session.createProducer(queue);
                MessageProducer dead = session.createProducer(session.createQueue(shared.settings().deadLetterQueueName()));
                retries.setDeliveryMode(DeliveryMode.PERSISTENT);
                dead.setDeliveryMode(DeliveryMode.PERSISTENT);
                while (!shared.stopping().getAsBoolean()) {
                    List<Received> batch = receive(consumer);
                    if (!batch.isEmpty()) {
                        settle(session, batch, retries, dead);
                    }
                }
            } catch (JMSException | RuntimeException e) {
                if (shared.stopping().getAsBoolean()) {
                    return;
                }
                LOG.log(Level.WARNING, QueueError.CONSUMER_RESTARTED.message("a queue consumer of alias ''{0}'' failed and starts again: {1}"),
                        shared.settings().alias(), e.getClass().getSimpleName());
                pause();
            }
        }
    }

    /** A received message, its body already spooled: Artemis discards an unread large body once the next message is received. */
    private record Received(QueuedMail mail, Spool spool) {
    }

    private List<Received> receive(MessageConsumer consumer) throws JMSException {
        List<Received> batch = new ArrayList<>();
        try {
            for (Message message = consumer.receive(RECEIVE_MILLIS); message != null;
                    message = batch.size() < BATCH ? consumer.receiveNoWait() : null) {
                if (message.getJMSRedelivered()) {
                    shared.counts().redelivered.incrementAndGet();
                }
                batch.add(new Received(QueuedMail.read(message), read((BytesMessage) message)));
            }
            return batch;
        } catch (JMSException | RuntimeException e) {
            batch.forEach(r -> r.spool().close());
            throw e;
        }
    }

    private void settle(Session session, List<Received> batch, MessageProducer retries, MessageProducer dead)
            throws JMSException {
        try {
            List<RenderedMail> rendered = new ArrayList<>();
            for (Received received : batch) {
                rendered.add(new RenderedMail(new PreRenderedMessage(received.spool(), received.mail().messageId()),
                        received.mail().envelope()));
            }
            shared.rate().acquire(batch.size(), shared.stopping());
            connection.open(); // kept open across batches (replaced when the server drops it); a failure shows in the receipts
            List<Receipt> receipts = backend.deliverRendered(rendered);
            Instant now = Instant.now();
            for (int i = 0; i < batch.size(); i++) {
                settleOne(session, batch.get(i).mail(), batch.get(i).spool(), receipts.get(i), now, retries, dead);
            }
            session.commit();
        } catch (JMSException | RuntimeException | Error e) {
            rollback(session);
            throw e;
        } finally {
            batch.forEach(r -> r.spool().close());
        }
    }

    private void settleOne(Session session, QueuedMail mail, Spool spool, Receipt receipt, Instant now,
            MessageProducer retries, MessageProducer dead) throws JMSException {
        QueuedMail tried = mail.retry(List.of());
        List<String> later = new ArrayList<>();
        Refusal lastTemporary = null;
        List<Refusal> permanent = new ArrayList<>();
        for (Refusal refusal : receipt.refused()) {
            if (refusal.temporary() || uncertain(receipt, refusal)) {
                if (!refusal.temporary()) {
                    shared.counts().uncertain.incrementAndGet();
                }
                later.add(refusal.recipient());
                lastTemporary = refusal;
            } else {
                permanent.add(refusal);
            }
        }
        if (!later.isEmpty()) {
            Optional<Duration> delay = shared.retry().nextDelay(mail.enqueued(), tried.attempts(), now);
            if (delay.isPresent()) {
                BytesMessage retry = Enqueuer.body(session, spool);
                mail.retry(later).write(retry);
                retries.setDeliveryDelay(delay.get().toMillis());
                retries.send(retry);
                shared.counts().deferred.incrementAndGet();
            } else {
                deadLetter(session, spool, DeadLetter.of(mail.retry(later), lastTemporary, true, now), dead);
            }
        }
        if (!permanent.isEmpty()) {
            List<String> recipients = permanent.stream().map(Refusal::recipient).toList();
            deadLetter(session, spool, DeadLetter.of(mail.retry(recipients), permanent.get(0), false, now), dead);
        }
        if (later.isEmpty() && permanent.isEmpty()) {
            shared.counts().delivered.incrementAndGet();
        }
    }

    /**
     * A connection lost after the final dot may have left: the server may have the message, or
     * not. At least once: it is retried, and counted as a possible duplicate.
     */
    private static boolean uncertain(Receipt receipt, Refusal refusal) {
        return refusal.code().isEmpty() && receipt.failure().filter(f -> f.startsWith(CONNECTION_LOST)).isPresent();
    }

    private void deadLetter(Session session, Spool spool, DeadLetter letter, MessageProducer dead) throws JMSException {
        BytesMessage message = Enqueuer.body(session, spool);
        letter.write(message);
        dead.send(message);
        shared.counts().dead.incrementAndGet();
    }

    /**
     * The body, streamed into a spool (a large message goes to a temporary file). An Artemis large
     * message is saved chunk by chunk with {@code JMS_AMQ_SaveStream}: reading it with
     * {@code readBytes} would buffer it whole.
     */
    static Spool read(BytesMessage message) throws JMSException {
        Spool spool = new Spool();
        try (OutputStream out = spool.output()) {
            if (message instanceof ActiveMQMessage artemis && artemis.getCoreMessage().isLargeMessage()) {
                message.setObjectProperty(SAVE_STREAM, out);
            } else {
                byte[] buffer = new byte[64 * 1024];
                for (int n = message.readBytes(buffer); n > 0; n = message.readBytes(buffer)) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            spool.close();
            throw new IllegalStateException(QueueError.SPOOL_FAILED.message("a queued message could not be spooled"), e);
        }
        return spool;
    }

    private static void rollback(Session session) {
        try {
            session.rollback();
        } catch (JMSException | RuntimeException ignored) {
            // the session is being closed: the broker hands the batch out again either way
        }
    }

    /** Waits a moment before starting again, unless the worker is stopping. */
    private void pause() {
        long until = System.nanoTime() + 1_000_000_000L;
        while (!shared.stopping().getAsBoolean() && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
    }
}

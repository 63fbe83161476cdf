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
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.cdimail.Receipt;
import org.cdimail.Refusal;
import org.cdimail.event.SendFailed;
import org.cdimail.impl.ImplError;
import org.cdimail.impl.backend.RenderedDelivery;
import org.cdimail.impl.backend.RenderedMail;
import org.cdimail.impl.backend.SendEvents;
import org.cdimail.spi.EmailBackend;

/**
 * One consumer of an alias's queue: takes up to {@value #BATCH} ready messages, delivers them
 * over its own connection of the alias's backend, and settles each by its {@link Receipt} in the
 * same JMS transaction that acknowledges it: deferred recipients re-queued (only them) with a
 * scheduled delivery, refused ones (or expired) sent to the dead-letter queue with the reason.
 * The transaction commits only after the receipts are known; a worker killed before that leaves
 * the batch to be handed out again (the at-least-once window, counted as redelivered). With a
 * broker of cdi-mail's own the consumer keeps one local-transacted session; with a
 * container-managed factory each batch is a JTA transaction of its own (begun with the
 * container's {@code UserTransaction}), with a pooled connection taken for it. Once a batch is
 * committed, the alias's {@link SendEvents} are told: delivered for each message accepted by at
 * least one recipient, failed ({@code RETRYING} or {@code DEAD}) for each message with recipients
 * deferred or dead-lettered.
 */
final class Consumer implements Runnable {

    /** Messages per batch, hence per SMTP connection turn, and the most a killed worker may deliver twice. */
    static final int BATCH = 20;

    private static final System.Logger LOG = System.getLogger(Consumer.class.getName());
    private static final long RECEIVE_MILLIS = 200;
    /** A container-managed consumer's wait for a first message: each wait is a JTA transaction of its own. */
    private static final long CONTAINER_RECEIVE_MILLIS = 1000;
    /** The failure id of a connection lost (after the final dot, when its refusal is permanent). */
    private static final String CONNECTION_LOST = ImplError.CONNECTION_LOST.id();

    /** What the consumer shares with its worker. */
    record Shared(Sessions sessions, QueueSettings settings, RetryPolicy retry, RateLimiter rate,
            WorkerCounts counts, SendEvents events, java.util.function.BooleanSupplier stopping) {
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
            try {
                if (shared.sessions().containerManaged()) {
                    deliverInContainerTransactions();
                } else {
                    deliverInLocalTransactions();
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

    /** One local-transacted session for every batch, as long as it works. */
    private void deliverInLocalTransactions() throws JMSException {
        try (Sessions.Unit unit = shared.sessions().open(true)) {
            Session session = unit.session();
            MessageConsumer consumer = session.createConsumer(session.createQueue(shared.settings().queueName()));
            while (!shared.stopping().getAsBoolean()) {
                List<Received> batch = receive(consumer, RECEIVE_MILLIS);
                if (!batch.isEmpty()) {
                    List<Runnable> told = settle(session, batch);
                    session.commit();
                    tell(told);
                }
            }
        }
    }

    /** Batches each in a JTA transaction of its own, until the worker stops. */
    private void deliverInContainerTransactions() throws JMSException {
        while (!shared.stopping().getAsBoolean()) {
            List<Runnable> told = List.of();
            try (Sessions.Unit unit = shared.sessions().open(true)) {
                if (!unit.transacted()) {
                    throw new IllegalStateException(QueueError.NO_USER_TRANSACTION.message("the queue consumers of alias '"
                            + shared.settings().alias() + "' need a JTA UserTransaction (java:comp/UserTransaction)"
                            + " to consume from a container-managed connection factory"));
                }
                Session session = unit.session();
                MessageConsumer consumer = session.createConsumer(session.createQueue(shared.settings().queueName()));
                List<Received> batch = receive(consumer, CONTAINER_RECEIVE_MILLIS);
                if (!batch.isEmpty()) {
                    told = settle(session, batch);
                }
                consumer.close();
                unit.commit();
            }
            tell(told);
        }
    }

    /** Tells the alias's events what a committed batch did; an observer's failure does not stop the consumer. */
    private void tell(List<Runnable> told) {
        for (Runnable one : told) {
            try {
                one.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, QueueError.EVENT_NOT_TOLD.message("an observer of alias ''{0}'' failed on a queue"
                        + " worker''s event: {1}"), shared.settings().alias(), e.getClass().getSimpleName());
            }
        }
    }

    /** A received message, its body already spooled: Artemis discards an unread large body once the next message is received. */
    private record Received(QueuedMail mail, Spool spool) {
    }

    private List<Received> receive(MessageConsumer consumer, long wait) throws JMSException {
        List<Received> batch = new ArrayList<>();
        try {
            for (Message message = consumer.receive(wait); message != null;
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

    /**
     * Delivers a batch and settles each message in the session's transaction, which the caller
     * commits (the session is rolled back or closed by the caller on a failure).
     *
     * @return what to tell the alias's events once the transaction has committed
     */
    private List<Runnable> settle(Session session, List<Received> batch) throws JMSException {
        try (MessageProducer retries = session.createProducer(session.createQueue(shared.settings().queueName()));
                MessageProducer dead = session.createProducer(session.createQueue(shared.settings().deadLetterQueueName()))) {
            retries.setDeliveryMode(DeliveryMode.PERSISTENT);
            dead.setDeliveryMode(DeliveryMode.PERSISTENT);
            List<RenderedMail> rendered = new ArrayList<>();
            for (Received received : batch) {
                rendered.add(new RenderedMail(new PreRenderedMessage(received.spool(), received.mail().messageId()),
                        received.mail().envelope()));
            }
            shared.rate().acquire(batch.size(), shared.stopping());
            long start = System.nanoTime();
            connection.open(); // kept open across batches (replaced when the server drops it); a failure shows in the receipts
            List<Receipt> receipts = backend.deliverRendered(rendered);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Instant now = Instant.now();
            List<Runnable> told = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                settleOne(session, batch.get(i).mail(), batch.get(i).spool(), receipts.get(i), now, elapsed, retries,
                        dead, told);
            }
            return told;
        } catch (JMSException | RuntimeException | Error e) {
            if (!shared.sessions().containerManaged()) {
                rollback(session); // a JTA batch is rolled back by its unit
            }
            throw e;
        } finally {
            batch.forEach(r -> r.spool().close());
        }
    }

    private void settleOne(Session session, QueuedMail mail, Spool spool, Receipt receipt, Instant now, Duration elapsed,
            MessageProducer retries, MessageProducer dead, List<Runnable> told) throws JMSException {
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
        SendEvents events = shared.events();
        if (!receipt.accepted().isEmpty()) {
            told.add(() -> events.delivered(receipt, elapsed, true));
        }
        boolean deadNow = !permanent.isEmpty();
        if (!later.isEmpty()) {
            Optional<Duration> delay = shared.retry().nextDelay(mail.enqueued(), tried.attempts(), now);
            if (delay.isPresent()) {
                BytesMessage retry = Enqueuer.body(session, spool);
                mail.retry(later).write(retry);
                retries.setDeliveryDelay(delay.get().toMillis());
                retries.send(retry);
                shared.counts().deferred.incrementAndGet();
                LOG.log(Level.DEBUG, QueueError.MESSAGE_DEFERRED.message("a message of alias ''{0}'' is deferred after attempt"
                        + " {1} for {2} recipient(s): {3}"), shared.settings().alias(), tried.attempts(), later.size(),
                        receipt.failure().orElseGet(() -> String.valueOf(lastTemporaryCode(receipt))));
                told.add(() -> events.failed(receipt, SendFailed.Outcome.RETRYING, true));
            } else {
                deadLetter(session, spool, DeadLetter.of(mail.retry(later), lastTemporary, true, now), dead);
                deadNow = true;
            }
        }
        if (!permanent.isEmpty()) {
            List<String> recipients = permanent.stream().map(Refusal::recipient).toList();
            deadLetter(session, spool, DeadLetter.of(mail.retry(recipients), permanent.get(0), false, now), dead);
        }
        if (deadNow) {
            told.add(() -> events.failed(receipt, SendFailed.Outcome.DEAD, true));
        }
        if (later.isEmpty() && permanent.isEmpty()) {
            shared.counts().delivered.incrementAndGet();
        }
    }

    private static String lastTemporaryCode(Receipt receipt) {
        return receipt.refused().stream().filter(Refusal::temporary).map(r -> (r.code().isPresent() ? String.valueOf(r.code().getAsInt()) : "no reply")
                + r.enhancedCode().map(e -> " " + e).orElse("")).reduce((a, b) -> b).orElse("temporary refusal");
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
     * message is saved chunk by chunk with {@value Artemis#SAVE_STREAM}: reading it with
     * {@code readBytes} would buffer it whole. A message wrapped by an application server's
     * resource adapter is saved the same way (Artemis handles large and small ones); a provider
     * that does not know the property gets {@code readBytes}.
     */
    static Spool read(BytesMessage message) throws JMSException {
        Spool spool = new Spool();
        try (OutputStream out = spool.output()) {
            Boolean large = Artemis.large(message);
            if (Boolean.TRUE.equals(large)) {
                Artemis.save(message, out);
            } else if (large == null && saved(message, out, spool)) {
                return spool;
            } else {
                byte[] buffer = new byte[64 * 1024];
                for (int n = message.readBytes(buffer); n > 0; n = message.readBytes(buffer)) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            spool.close();
            throw new IllegalStateException(QueueError.SPOOL_FAILED.message("a queued message could not be spooled"), e);
        } catch (JMSException | RuntimeException e) {
            spool.close();
            throw e;
        }
        return spool;
    }

    /** Saves a message that is not Artemis's own client message with {@value Artemis#SAVE_STREAM}, if its provider can. */
    private static boolean saved(BytesMessage message, OutputStream out, Spool spool) throws JMSException {
        try {
            Artemis.save(message, out);
            return true;
        } catch (JMSException | RuntimeException e) {
            if (spool.size() > 0) {
                throw e; // part of the body was written: not a provider without the property
            }
            return false;
        }
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

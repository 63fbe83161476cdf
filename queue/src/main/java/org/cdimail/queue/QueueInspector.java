package org.cdimail.queue;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

/**
 * What is in an alias's queues, and the operator's actions on its dead letters: counts, the dead
 * letters with their reasons, moving them back to be retried, purging them. Counts come from
 * Artemis's core API where it can be reached (ready, scheduled and in flight together); through
 * an application server's resource adapter a {@link QueueBrowser} counts what it sees: the ready
 * messages, not those scheduled for a retry nor those being delivered (said once in the log).
 */
final class QueueInspector {

    private static final System.Logger LOG = System.getLogger(QueueInspector.class.getName());
    /** Dead letters moved or purged per transaction. */
    private static final int DRAIN_BATCH = 100;
    private static final AtomicBoolean TOLD_ONLY_READY = new AtomicBoolean();

    private final Sessions sessions;
    private final QueueSettings settings;

    QueueInspector(Sessions sessions, QueueSettings settings) {
        this.sessions = sessions;
        this.settings = settings;
    }

    /**
     * The messages of the alias's queue that are ready, scheduled for a retry or being delivered
     * (only the ready ones where the core API cannot be reached).
     *
     * @return the count; 0 when the queue does not exist yet
     * @throws JMSException if the broker cannot be asked
     */
    long pending() throws JMSException {
        return count(settings.queueName());
    }

    /**
     * The dead letters of the alias.
     *
     * @return the count
     * @throws JMSException if the broker cannot be asked
     */
    long deadCount() throws JMSException {
        return count(settings.deadLetterQueueName());
    }

    private long count(String queue) throws JMSException {
        try (Sessions.Unit unit = sessions.open(false)) {
            OptionalLong core = Artemis.count(unit.session(), queue);
            if (core.isPresent()) {
                return core.getAsLong();
            }
            if (TOLD_ONLY_READY.compareAndSet(false, true)) {
                LOG.log(Level.INFO, QueueError.COUNT_ONLY_READY.message("the queues of alias ''{0}'' are counted with a"
                        + " QueueBrowser through {1}: pending counts ready messages, not those scheduled for a retry or"
                        + " being delivered"), settings.alias(), "the application server's connection factory");
            }
            long count = 0;
            try (QueueBrowser browser = unit.session().createBrowser(unit.session().createQueue(queue))) {
                for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements(); messages.nextElement()) {
                    count++;
                }
            }
            return count;
        }
    }

    /**
     * The dead letters, oldest first.
     *
     * @return their reasons
     * @throws JMSException if the broker cannot be asked
     */
    List<DeadLetter> deadLetters() throws JMSException {
        List<DeadLetter> letters = new ArrayList<>();
        try (Sessions.Unit unit = sessions.open(false);
                QueueBrowser browser = unit.session().createBrowser(unit.session().createQueue(settings.deadLetterQueueName()))) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                letters.add(DeadLetter.read((Message) messages.nextElement()));
            }
        }
        return letters;
    }

    /**
     * Moves every dead letter back to the queue, for its dead recipients, attempts and age reset.
     *
     * @return how many were moved
     * @throws JMSException if the broker fails; what was moved is committed in batches
     */
    long retryDead() throws JMSException {
        return drainDead(true);
    }

    /**
     * Deletes every dead letter.
     *
     * @return how many were deleted
     * @throws JMSException if the broker fails
     */
    long purgeDead() throws JMSException {
        return drainDead(false);
    }

    private long drainDead(boolean requeue) throws JMSException {
        long moved = 0;
        for (int drained = DRAIN_BATCH; drained == DRAIN_BATCH; moved += drained) {
            drained = 0;
            try (Sessions.Unit unit = sessions.open(true)) {
                Session session = unit.session();
                try (MessageConsumer consumer = session.createConsumer(session.createQueue(settings.deadLetterQueueName()));
                        MessageProducer producer = session.createProducer(session.createQueue(settings.queueName()))) {
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    for (Message message = consumer.receiveNoWait(); message != null; message = drained < DRAIN_BATCH
                            ? consumer.receiveNoWait() : null) {
                        if (requeue) {
                            requeue(session, producer, message);
                        }
                        drained++;
                    }
                }
                unit.commit();
            }
        }
        return moved;
    }

    private static void requeue(Session session, MessageProducer producer, Message message) throws JMSException {
        QueuedMail mail = QueuedMail.read(message);
        try (Spool spool = Consumer.read((BytesMessage) message)) {
            BytesMessage copy = Enqueuer.body(session, spool);
            new QueuedMail(mail.sender(), mail.recipients(), mail.messageId(), java.time.Instant.now(), 0).write(copy);
            producer.send(copy);
        }
    }
}

package org.cdimail.queue;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;

/**
 * What is in an alias's queues, and the operator's actions on its dead letters: counts (ready,
 * scheduled and in flight together, as Artemis counts them), the dead letters with their
 * reasons, moving them back to be retried, purging them.
 */
final class QueueInspector {

    private final Connection connection;
    private final QueueSettings settings;

    QueueInspector(Connection connection, QueueSettings settings) {
        this.connection = connection;
        this.settings = settings;
    }

    /**
     * The messages of the alias's queue that are ready, scheduled for a retry or being delivered.
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
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            ClientSession core = ((ActiveMQSession) session).getCoreSession();
            ClientSession.QueueQuery query = core.queueQuery(SimpleString.of(queue));
            return query.isExists() ? query.getMessageCount() : 0;
        } catch (ActiveMQException e) {
            JMSException failure = new JMSException(QueueError.QUEUE_NOT_COUNTED.message("the queue could not be counted"));
            failure.setLinkedException(e);
            throw failure;
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
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                QueueBrowser browser = session.createBrowser(session.createQueue(settings.deadLetterQueueName()))) {
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
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageConsumer consumer = session.createConsumer(session.createQueue(settings.deadLetterQueueName()));
            MessageProducer producer = session.createProducer(session.createQueue(settings.queueName()));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (Message message = consumer.receiveNoWait(); message != null; message = consumer.receiveNoWait()) {
                if (requeue) {
                    QueuedMail mail = QueuedMail.read(message);
                    try (Spool spool = Consumer.read((BytesMessage) message)) {
                        BytesMessage copy = Enqueuer.body(session, spool);
                        new QueuedMail(mail.sender(), mail.recipients(), mail.messageId(), java.time.Instant.now(), 0)
                                .write(copy);
                        producer.send(copy);
                    }
                }
                if (++moved % 100 == 0) {
                    session.commit();
                }
            }
            session.commit();
        }
        return moved;
    }
}

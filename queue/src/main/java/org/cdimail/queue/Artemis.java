package org.cdimail.queue;

import java.io.OutputStream;
import java.util.OptionalLong;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;

/**
 * What the queue does with ActiveMQ Artemis's own API when it can: count a queue's messages with
 * the core API, and tell a large message. Only used when the Artemis client is on the class path
 * and the JMS objects are the client's own; through an application server's resource adapter
 * (WildFly's {@code java:/JmsXA} wraps them), or without Artemis in the application, the queue
 * falls back to plain Jakarta Messaging. Artemis classes are only loaded when they are present.
 */
final class Artemis {

    /** Artemis's property that writes a received message's body to an {@code OutputStream}, blocking until done. */
    static final String SAVE_STREAM = "JMS_AMQ_SaveStream";

    private static final boolean PRESENT = present();

    private Artemis() {
    }

    private static boolean present() {
        try {
            Class.forName("org.apache.activemq.artemis.jms.client.ActiveMQSession", false, Artemis.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The messages of a queue (ready, scheduled and in flight), asked with the core API.
     *
     * @param session a session of the broker
     * @param queue   the queue's name
     * @return the count (0 when the queue does not exist), or empty when the session is not Artemis's own
     * @throws JMSException if the broker cannot be asked
     */
    static OptionalLong count(Session session, String queue) throws JMSException {
        return PRESENT ? Core.count(session, queue) : OptionalLong.empty();
    }

    /**
     * Whether a received message is an Artemis client message, and whether it is large.
     *
     * @param message the message
     * @return {@code Boolean.TRUE} for a large one, {@code FALSE} for a small one, {@code null} when
     *         it is not Artemis's own (wrapped by a resource adapter, or another provider)
     */
    static Boolean large(Message message) {
        return PRESENT ? Core.large(message) : null;
    }

    /**
     * Writes a received Artemis message's body (large or not, wrapped by a resource adapter or
     * not) to {@code out} with {@value #SAVE_STREAM}.
     *
     * @param message the message
     * @param out     where the body goes
     * @throws JMSException if the provider does not support it (not Artemis) or the body cannot be read
     */
    static void save(Message message, OutputStream out) throws JMSException {
        message.setObjectProperty(SAVE_STREAM, out);
    }

    /** The code that links against Artemis: loaded only when {@link #PRESENT}. */
    private static final class Core {

        static OptionalLong count(Session session, String queue) throws JMSException {
            if (!(session instanceof ActiveMQSession artemis)) {
                return OptionalLong.empty();
            }
            try {
                ClientSession.QueueQuery query = artemis.getCoreSession().queueQuery(SimpleString.of(queue));
                return OptionalLong.of(query.isExists() ? query.getMessageCount() : 0);
            } catch (ActiveMQException e) {
                JMSException failure = new JMSException(QueueError.QUEUE_NOT_COUNTED.message("the queue could not be counted"));
                failure.setLinkedException(e);
                throw failure;
            }
        }

        static Boolean large(Message message) {
            return message instanceof ActiveMQMessage artemis ? artemis.getCoreMessage().isLargeMessage() : null;
        }
    }
}

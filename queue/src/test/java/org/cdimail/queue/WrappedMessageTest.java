package org.cdimail.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Random;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queued message received through an application server's resource adapter is not Artemis's
 * own client message (WildFly's {@code java:/JmsXA} wraps it): its body, small or large, is still
 * spooled whole, with {@code JMS_AMQ_SaveStream} passed through the wrapper.
 */
class WrappedMessageTest {

    @TempDir
    Path journal;

    @Test
    void smallAndLargeBodiesOfWrappedMessagesAreSpooledByteForByte() throws Exception {
        byte[] small = bytes(1000);
        byte[] large = bytes(3 * Spool.IN_MEMORY);
        try (EmbeddedBroker broker = EmbeddedBroker.acquire(journal);
                Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue("cdimail.wrapped"));
            for (byte[] body : new byte[][] {small, large}) {
                try (Spool spool = new Spool()) {
                    try (var out = spool.output()) {
                        out.write(body);
                    }
                    producer.send(Enqueuer.body(session, spool));
                }
            }
            session.commit();
            MessageConsumer consumer = session.createConsumer(session.createQueue("cdimail.wrapped"));
            for (byte[] body : new byte[][] {small, large}) {
                BytesMessage wrapped = wrap((BytesMessage) consumer.receive(5000));
                assertThat(Artemis.large(wrapped)).as("not Artemis's own message").isNull();
                try (Spool spool = Consumer.read(wrapped); InputStream in = spool.open()) {
                    assertThat(in.readAllBytes()).isEqualTo(body);
                }
            }
            session.commit();
        }
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** What a resource adapter hands out: another class, delegating every call. */
    private static BytesMessage wrap(BytesMessage message) {
        return (BytesMessage) Proxy.newProxyInstance(WrappedMessageTest.class.getClassLoader(),
                new Class<?>[] {BytesMessage.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(message, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

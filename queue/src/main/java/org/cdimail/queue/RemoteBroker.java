package org.cdimail.queue;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * An ActiveMQ Artemis broker reached over TCP ({@code mail.queue.url=tcp://host:61616}): any
 * Artemis broker, such as the one {@code cdi-mail broker} runs. Durable sends block until the
 * broker confirms them, and the client reconnects when the connection is lost.
 */
final class RemoteBroker implements BrokerSource {

    private final String url;
    private final ActiveMQConnectionFactory factory;

    /**
     * @param url {@code tcp://host:port}, perhaps with Artemis parameters
     */
    RemoteBroker(String url) {
        this.url = url;
        this.factory = new ActiveMQConnectionFactory(url);
        factory.setBlockOnDurableSend(true);
        factory.setReconnectAttempts(-1);
        factory.setRetryInterval(200);
        factory.setRetryIntervalMultiplier(2.0);
        factory.setMaxRetryInterval(5000);
        // Competing consumers share the queue fairly: each buffers about 64 KiB of messages, not 1 MiB.
        factory.setConsumerWindowSize(64 * 1024);
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return factory;
    }

    @Override
    public String describe() {
        int query = url.indexOf('?');
        return "the broker at " + (query < 0 ? url : url.substring(0, query)); // parameters may hold a password
    }

    @Override
    public void close() {
        factory.close();
    }
}

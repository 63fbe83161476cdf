package org.cdimail.queue;

import jakarta.jms.ConnectionFactory;

/**
 * Where a queued alias's Jakarta Messaging connections come from. Two sources exist: the
 * {@linkplain EmbeddedBroker embedded broker} (an in-VM ActiveMQ Artemis with its journal in
 * {@code mail.queue.directory}) and a {@linkplain RemoteBroker remote one}
 * ({@code mail.queue.url}). An application server's connection factory, looked up in JNDI, is
 * meant to be a third, with nothing else changing. The broker must be ActiveMQ Artemis (WildFly's
 * messaging is): counting a queue's ready, scheduled and in-flight messages uses its core API.
 */
interface BrokerSource extends AutoCloseable {

    /**
     * The connection factory.
     *
     * @return the factory; its connections are closed by their users
     */
    ConnectionFactory connectionFactory();

    /**
     * What the source is, for messages: never credentials.
     *
     * @return a short description
     */
    String describe();

    /** Releases the source (the embedded broker stops when its last user releases it); never throws. */
    @Override
    void close();
}

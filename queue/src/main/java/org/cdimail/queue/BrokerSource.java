package org.cdimail.queue;

import jakarta.jms.ConnectionFactory;

/**
 * Where a queued alias's Jakarta Messaging connections come from. Three sources exist: the
 * {@linkplain EmbeddedBroker embedded broker} (an in-VM ActiveMQ Artemis with its journal in
 * {@code mail.queue.directory}), a {@linkplain RemoteBroker remote one} ({@code mail.queue.url})
 * and the {@linkplain JndiBroker application server's connection factory}
 * ({@code mail.queue.connection-factory}). The broker is expected to be ActiveMQ Artemis (WildFly's
 * messaging is): where its core API can be reached, a queue's ready, scheduled and in-flight
 * messages are counted with it; elsewhere a {@code QueueBrowser} counts the ready ones.
 */
interface BrokerSource extends AutoCloseable {

    /**
     * The connection factory.
     *
     * @return the factory; its connections are closed by their users
     */
    ConnectionFactory connectionFactory();

    /**
     * Whether the container manages the factory's connections and transactions (a JCA pooled,
     * XA connection factory such as WildFly's {@code java:/JmsXA}): one session per connection,
     * a connection taken for each unit of work, and transactions that are the container's JTA
     * transactions, never local ones.
     *
     * @return {@code true} for a container-managed factory
     */
    default boolean containerManaged() {
        return false;
    }

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

package org.cdimail.impl.backend;

import org.cdimail.spi.BackendFactory;

/**
 * The durable queue's way into an alias, found with {@link java.util.ServiceLoader} in the
 * {@code cdi-mail-queue} artifact. An alias with {@code mail.<alias>.queue.enabled=true} hands
 * its backend's factory to {@link #wrap}: every connection of the alias (the {@code Mailer}'s and
 * injected ones) then comes from the factory returned, which enqueues, while the wrapped
 * factory's connections are what the queue's workers deliver through. Without an implementation
 * on the class path, {@code queue.enabled=true} fails the deployment naming the key and the
 * artifact.
 */
public interface QueueHook {

    /**
     * Configures the queue of an alias; runs once per alias and container, at deployment.
     *
     * @param alias      the alias's context
     * @param delivering the factory of the alias's backend, which delivers
     * @return the factory of the alias's connections, which enqueue; its {@code close()} closes
     *         {@code delivering} too
     * @throws IllegalArgumentException naming the key, if the queue's configuration cannot be used
     */
    BackendFactory wrap(AliasContext alias, BackendFactory delivering);
}

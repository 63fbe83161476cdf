package org.cdimail.spi;

import java.util.List;

import org.cdimail.EmailMessage;

/**
 * A mail connection: Django's {@code BaseEmailBackend}. Built-in backends are {@code smtp},
 * {@code console}, {@code file}, {@code locmem} and {@code dummy}; a custom one is a CDI bean
 * implementing this interface and annotated {@link org.cdimail.inject.Backend @Backend("name")}.
 *
 * <h2 id="lifecycle">Lifecycle</h2>
 * <ul>
 * <li>{@link #open()} opens a connection when none is open and returns {@code true}; it returns
 * {@code false} when one is already open (or the backend needs none).</li>
 * <li>{@link #close()} closes it. Closing a never-opened or already-closed connection
 * <em>must</em> be a no-op, and closing <em>must not</em> throw when the server has gone away.</li>
 * <li>{@link #sendMessages(List)} opens a connection around itself only when none was open, and
 * then closes it; when the caller opened one, it is reused and stays open.</li>
 * <li>Use try-with-resources: {@code try (EmailBackend c = mailer.connection()) { c.open(); … }}.
 * A connection is reusable after a failed send.</li>
 * </ul>
 *
 * <h2 id="counting">Counting</h2>
 * {@link #sendMessages(List)} returns the number of messages sent. An empty list, and a message
 * without recipients, send nothing and count 0.
 *
 * <h2 id="failures">Failures</h2>
 * Delivery failures are thrown as {@link org.cdimail.MailException} unless the backend was
 * created with fail-silently, in which case they are swallowed and the message does not count.
 * A {@link org.cdimail.BadHeaderException} (or another invalid-message error) is thrown before
 * anything of that message is sent, whatever fail-silently says.
 *
 * <h2 id="threads">Thread safety</h2>
 * An instance <em>must</em> be safe to use from many threads: concurrent {@code sendMessages}
 * calls deliver every message exactly once.
 */
public interface EmailBackend extends AutoCloseable {

    /**
     * Opens a connection if none is open. The default, for backends that need no connection (as
     * Django's {@code BaseEmailBackend}), opens nothing and returns {@code false}.
     *
     * @return {@code true} if this call opened a new connection
     * @throws org.cdimail.MailException if the connection fails and fail-silently is off
     */
    default boolean open() {
        return false;
    }

    /**
     * Closes the connection, if open. Never throws for a connection that is not open or is broken.
     * The default, for backends that need no connection, does nothing.
     */
    @Override
    default void close() {
    }

    /**
     * Sends the messages, in order.
     *
     * @param messages the messages; may be empty
     * @return the number of messages sent
     * @throws org.cdimail.MailException        if sending fails and fail-silently is off
     * @throws org.cdimail.BadHeaderException   if a message could inject a header
     */
    int sendMessages(List<EmailMessage> messages);
}

package org.cdimail.spi;

import java.util.List;

import org.cdimail.EmailMessage;
import org.cdimail.Receipt;

/**
 * A mail connection: Django's {@code BaseEmailBackend}. Built-in backends are {@code smtp},
 * {@code console}, {@code file}, {@code locmem} and {@code dummy}; a custom one is a CDI bean
 * implementing this interface and annotated {@link BackendType @BackendType("name")}, which may
 * inject the {@link BackendContext} of the alias it serves.
 *
 * <h2 id="implementing">Implementing</h2>
 * A backend implements {@link #deliver(List)}, which returns a {@link Receipt} per message, or,
 * at the least, Django's {@link #sendMessages(List)}, which returns a count; each method has a
 * default on top of the other, so a backend <em>must</em> implement one of them (a deployment
 * that selects a backend implementing neither fails). A backend does not handle fail-silently
 * itself: it throws {@link org.cdimail.MailException} and cdi-mail swallows it for connections
 * obtained with fail-silently.
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
 * without recipients, send nothing and count 0. It is {@link Receipt#sentCount(List)} of the
 * receipts {@link #deliver(List)} returns.
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
     * Sends the messages, in order: Django's {@code send_messages}.
     *
     * <p>The default counts the receipts of {@link #deliver(List)} that were sent.
     *
     * @param messages the messages; may be empty
     * @return the number of messages sent
     * @throws org.cdimail.MailException        if sending fails and fail-silently is off
     * @throws org.cdimail.BadHeaderException   if a message could inject a header
     */
    default int sendMessages(List<EmailMessage> messages) {
        return Receipt.sentCount(deliver(messages));
    }

    /**
     * Sends the messages, in order, and says per message what happened.
     *
     * <p>The result has exactly one receipt per message, in order, each with its
     * {@link Receipt#index() index} in {@code messages}. A message without recipients gets a
     * {@link Receipt.Status#NOT_SENT} receipt with no refusals. Without fail-silently the batch
     * stops at the first message that was not sent to every recipient, and a
     * {@link org.cdimail.MailDeliveryException} carrying the receipts of the whole batch is thrown
     * (the messages after it {@link Receipt.Status#NOT_ATTEMPTED}); with fail-silently the batch
     * goes on and the receipts describe each failure. Whatever fail-silently says, an invalid
     * message (a {@link org.cdimail.BadHeaderException}, an invalid address) is thrown before any
     * of it is sent.
     *
     * <p>The default, for a backend that implements only {@link #sendMessages(List)}, gives
     * coarse receipts: it opens a connection (unless one is open), calls {@code sendMessages}
     * with one message at a time, and reads the recipients of a failure from the
     * {@link org.cdimail.MailDeliveryException} it throws, if any.
     *
     * @param messages the messages; may be empty
     * @return one receipt per message, in order
     * @throws org.cdimail.MailDeliveryException if a message is not sent to every recipient and
     *                                           fail-silently is off
     * @throws org.cdimail.MailException         if no connection can be opened and fail-silently is off
     * @throws org.cdimail.BadHeaderException    if a message could inject a header
     */
    default List<Receipt> deliver(List<EmailMessage> messages) {
        return CoarseReceipts.deliver(this, messages);
    }
}

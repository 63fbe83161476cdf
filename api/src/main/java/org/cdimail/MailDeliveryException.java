package org.cdimail;

import java.io.Serial;
import java.util.List;

/**
 * Some recipients of a message were not delivered to.
 *
 * <p>Carries what the server said about each recipient, as immutable lists: {@link #sent()}
 * (accepted and sent), {@link #unsent()} (valid, but not sent because of another failure) and
 * {@link #invalid()} (refused by the server or not a valid address). When a server refuses some
 * recipients of a message, the message is still delivered to the others and this exception
 * reports the rest. The exception message never contains the addresses themselves; read them
 * from the lists.
 */
public class MailDeliveryException extends MailException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final List<String> sent;
    private final List<String> unsent;
    private final List<String> invalid;
    private final int messagesSent;

    /**
     * Creates the exception.
     *
     * @param message      what failed, without addresses
     * @param sent         recipients the message was delivered to
     * @param unsent       valid recipients the message was not delivered to
     * @param invalid      recipients the server refused or that were not valid addresses
     * @param messagesSent how many messages of the batch were sent before or despite the failure
     * @param cause        the underlying failure, may be {@code null}
     */
    public MailDeliveryException(String message, List<String> sent, List<String> unsent, List<String> invalid,
            int messagesSent, Throwable cause) {
        super(message, cause);
        this.sent = List.copyOf(sent);
        this.unsent = List.copyOf(unsent);
        this.invalid = List.copyOf(invalid);
        this.messagesSent = messagesSent;
    }

    /**
     * Recipients the message was delivered to.
     *
     * @return an immutable list, possibly empty
     */
    public List<String> sent() {
        return sent;
    }

    /**
     * Valid recipients the message was not delivered to.
     *
     * @return an immutable list, possibly empty
     */
    public List<String> unsent() {
        return unsent;
    }

    /**
     * Recipients the server refused, or that are not valid addresses.
     *
     * @return an immutable list, possibly empty
     */
    public List<String> invalid() {
        return invalid;
    }

    /**
     * How many messages of the batch were handed to the server (a message counts as sent when at
     * least one recipient accepted it).
     *
     * @return the number of messages sent
     */
    public int messagesSent() {
        return messagesSent;
    }
}

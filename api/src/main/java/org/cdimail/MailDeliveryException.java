package org.cdimail;

import java.io.Serial;
import java.util.ArrayList;
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
 *
 * <p>When thrown by {@link org.cdimail.spi.EmailBackend#deliver(List)} it also carries a
 * {@link Receipt} for every message of the batch ({@link #receipts()}): those sent before the
 * failure, the one that failed, and those never attempted.
 */
public class MailDeliveryException extends MailException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final List<String> sent;
    private final List<String> unsent;
    private final List<String> invalid;
    private final int messagesSent;
    /** Not serialized: a deserialized exception has no receipts. */
    private final transient List<Receipt> receipts;

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
        this.receipts = List.of();
    }

    /**
     * Creates the exception for a batch from its receipts. {@link #sent()}, {@link #unsent()} and
     * {@link #invalid()} describe the first message that was attempted and not sent to every
     * recipient: its accepted recipients, its temporarily refused ones and its permanently
     * refused ones.
     *
     * @param message  what failed, without addresses
     * @param receipts one receipt per message of the batch, in order
     * @param cause    the underlying failure, may be {@code null}
     */
    public MailDeliveryException(String message, List<Receipt> receipts, Throwable cause) {
        super(message, cause);
        this.receipts = List.copyOf(receipts);
        Receipt failed = this.receipts.stream()
                .filter(r -> r.status() == Receipt.Status.NOT_SENT || r.status() == Receipt.Status.PARTLY_SENT)
                .findFirst().orElse(null);
        List<String> unsentOnes = new ArrayList<>();
        List<String> invalidOnes = new ArrayList<>();
        if (failed != null) {
            for (Refusal refusal : failed.refused()) {
                (refusal.temporary() ? unsentOnes : invalidOnes).add(refusal.recipient());
            }
        }
        this.sent = failed == null ? List.of() : failed.accepted();
        this.unsent = List.copyOf(unsentOnes);
        this.invalid = List.copyOf(invalidOnes);
        this.messagesSent = Receipt.sentCount(this.receipts);
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

    /**
     * A receipt for every message of the batch, when the exception comes from
     * {@link org.cdimail.spi.EmailBackend#deliver(List)}.
     *
     * @return an immutable list, empty when the thrower did not give receipts
     */
    public List<Receipt> receipts() {
        return receipts == null ? List.of() : receipts;
    }
}

package org.cdimail;

import static org.cdimail.ApiError.INVALID_REPLY_CODE;
import static org.cdimail.ApiError.NEGATIVE_RECEIPT_INDEX;
import static org.cdimail.ApiError.NOT_ATTEMPTED_WITHOUT_ACCEPTED;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What happened to one message of a batch: who accepted it, who refused it and why, and, for
 * SMTP, the server's final reply and queue id. Receipts are the one result of delivery: Django's
 * counts ({@link #sentCount(List)}), {@link MailDeliveryException}, the command line's report and
 * retries all derive from them.
 *
 * <p>A backend returns one receipt per message it was given, in order, from
 * {@link org.cdimail.spi.EmailBackend#deliver(List)}. Receipts never carry a server's free text
 * or a password; addresses appear only in {@link #accepted()} and {@link Refusal#recipient()},
 * never in {@link #toString()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Receipt {

    /** The outcome of a message. */
    public enum Status {
        /** Every recipient accepted the message. */
        SENT,
        /** Some recipients accepted the message and others refused it. */
        PARTLY_SENT,
        /** The message was tried and no recipient accepted it (or it had none). */
        NOT_SENT,
        /** The batch stopped before this message was tried. */
        NOT_ATTEMPTED
    }

    private final int index;
    private final EmailMessage message;
    private final String messageId;
    private final boolean attempted;
    private final List<String> accepted;
    private final List<Refusal> refused;
    private final int replyCode;
    private final String queueId;
    private final Instant sentAt;
    private final String failure;

    private Receipt(Builder b) {
        this.index = b.index;
        this.message = b.message;
        this.messageId = b.messageId;
        this.attempted = b.attempted;
        this.accepted = List.copyOf(b.accepted);
        this.refused = List.copyOf(b.refused);
        this.replyCode = b.replyCode;
        this.queueId = b.queueId;
        this.sentAt = b.sentAt;
        this.failure = b.failure;
        if (!attempted && !accepted.isEmpty()) {
            throw new IllegalStateException(
                    NOT_ATTEMPTED_WITHOUT_ACCEPTED.message("a message not attempted has no accepted recipients"));
        }
    }

    /**
     * A receipt builder for the message at {@code index} of a batch.
     *
     * @param index   the message's position in the batch given to the backend, from 0
     * @param message the message, or {@code null} when the backend was given rendered bytes
     * @return a builder of an attempted message with no recipients yet
     */
    public static Builder builder(int index, EmailMessage message) {
        return new Builder(index, message);
    }

    /**
     * The receipt of a message the batch never reached: its recipients are listed as refused,
     * temporarily, with {@code reason}.
     *
     * @param index      the message's position in the batch
     * @param message    the message
     * @param recipients its envelope recipients
     * @param reason     why the batch stopped, without addresses
     * @return the receipt, {@link Status#NOT_ATTEMPTED}
     */
    public static Receipt notAttempted(int index, EmailMessage message, List<String> recipients, String reason) {
        Builder builder = builder(index, message).attempted(false).failure(reason);
        for (String recipient : recipients) {
            builder.refused(Refusal.byFailure(recipient, 0, true, "not attempted"));
        }
        return builder.build();
    }

    /**
     * Django's count: the number of receipts whose message reached at least one recipient.
     *
     * @param receipts receipts of a batch
     * @return the number of messages sent
     */
    public static int sentCount(List<Receipt> receipts) {
        int sent = 0;
        for (Receipt receipt : receipts) {
            if (receipt.sent()) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * The message's position in the batch the backend was given.
     *
     * @return the index, from 0
     */
    public int index() {
        return index;
    }

    /**
     * The message, when the backend was given an {@link EmailMessage}.
     *
     * @return the message, or empty
     */
    public Optional<EmailMessage> message() {
        return Optional.ofNullable(message);
    }

    /**
     * The {@code Message-ID} the message was rendered with (angle brackets included), once it was.
     *
     * @return the Message-ID, or empty when it was never rendered
     */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /**
     * The outcome, derived from the accepted and refused recipients.
     *
     * @return the status
     */
    public Status status() {
        if (!attempted) {
            return Status.NOT_ATTEMPTED;
        }
        if (accepted.isEmpty()) {
            return Status.NOT_SENT;
        }
        return refused.isEmpty() ? Status.SENT : Status.PARTLY_SENT;
    }

    /**
     * Whether at least one recipient accepted the message ({@link Status#SENT} or
     * {@link Status#PARTLY_SENT}): what Django counts.
     *
     * @return {@code true} if the message went out
     */
    public boolean sent() {
        return !accepted.isEmpty();
    }

    /**
     * The recipients that accepted the message, in envelope order.
     *
     * @return an immutable list, possibly empty
     */
    public List<String> accepted() {
        return accepted;
    }

    /**
     * The recipients that did not get the message, each with why.
     *
     * @return an immutable list, possibly empty
     */
    public List<Refusal> refused() {
        return refused;
    }

    /**
     * The refusals that are temporary: the recipients worth trying again later.
     *
     * @return an immutable list, possibly empty
     */
    public List<Refusal> deferred() {
        return refused.stream().filter(Refusal::temporary).toList();
    }

    /**
     * For SMTP, the server's reply code to the end of the message data ({@code 250}).
     *
     * @return the code, or empty when the backend is not SMTP or the data was never acknowledged
     */
    public OptionalInt replyCode() {
        return replyCode == 0 ? OptionalInt.empty() : OptionalInt.of(replyCode);
    }

    /**
     * For SMTP, the id the server gave the message in its queue, when its reply said so in a
     * usual form ({@code 250 2.0.0 Ok: queued as 4Xyz}).
     *
     * @return the queue id, or empty
     */
    public Optional<String> queueId() {
        return Optional.ofNullable(queueId);
    }

    /**
     * When the backend finished handing the message over.
     *
     * @return the instant, or empty when the message was not sent
     */
    public Optional<Instant> sentAt() {
        return Optional.ofNullable(sentAt);
    }

    /**
     * For a message that was not sent to everyone, the failure, as a message id and a phrase
     * without addresses ({@code "CDIMAIL-00291: connection refused"}).
     *
     * @return the failure, or empty
     */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Never shows addresses. */
    @Override
    public String toString() {
        return "Receipt[" + index + ", " + status() + ", accepted=" + accepted.size() + ", refused=" + refused
                + (replyCode == 0 ? "" : ", reply=" + replyCode) + (queueId == null ? "" : ", queueId=" + queueId)
                + (failure == null ? "" : ", " + failure) + "]";
    }

    /** Builds a {@link Receipt}; not thread-safe. */
    public static final class Builder {
        private final int index;
        private final EmailMessage message;
        private String messageId;
        private boolean attempted = true;
        private final List<String> accepted = new ArrayList<>();
        private final List<Refusal> refused = new ArrayList<>();
        private int replyCode;
        private String queueId;
        private Instant sentAt;
        private String failure;

        private Builder(int index, EmailMessage message) {
            if (index < 0) {
                throw new IllegalArgumentException(NEGATIVE_RECEIPT_INDEX.message("a receipt's index is not negative"));
            }
            this.index = index;
            this.message = message;
        }

        /**
         * Sets the Message-ID the message was rendered with.
         *
         * @param messageId the Message-ID, or {@code null}
         * @return this builder
         */
        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        /**
         * Whether the message was tried at all (default {@code true}).
         *
         * @param attempted {@code false} for a message the batch never reached
         * @return this builder
         */
        public Builder attempted(boolean attempted) {
            this.attempted = attempted;
            return this;
        }

        /**
         * Adds recipients that accepted the message.
         *
         * @param recipients the recipients
         * @return this builder
         */
        public Builder accepted(List<String> recipients) {
            recipients.forEach(r -> accepted.add(Objects.requireNonNull(r, "recipient")));
            return this;
        }

        /**
         * Adds a recipient that accepted the message.
         *
         * @param recipient the recipient
         * @return this builder
         */
        public Builder accepted(String recipient) {
            accepted.add(Objects.requireNonNull(recipient, "recipient"));
            return this;
        }

        /**
         * Adds a refused recipient.
         *
         * @param refusal the refusal
         * @return this builder
         */
        public Builder refused(Refusal refusal) {
            refused.add(Objects.requireNonNull(refusal, "refusal"));
            return this;
        }

        /**
         * Sets the server's reply code to the end of the data.
         *
         * @param replyCode the code, or 0 for none
         * @return this builder
         */
        public Builder replyCode(int replyCode) {
            if (replyCode != 0 && (replyCode < 200 || replyCode > 599)) {
                throw new IllegalArgumentException(INVALID_REPLY_CODE.message("an SMTP reply code is 200-599, not "
                        + replyCode));
            }
            this.replyCode = replyCode;
            return this;
        }

        /**
         * Sets the server's queue id.
         *
         * @param queueId the id, or {@code null}
         * @return this builder
         */
        public Builder queueId(String queueId) {
            this.queueId = queueId;
            return this;
        }

        /**
         * Sets when the message was handed over.
         *
         * @param sentAt the instant, or {@code null}
         * @return this builder
         */
        public Builder sentAt(Instant sentAt) {
            this.sentAt = sentAt;
            return this;
        }

        /**
         * Sets the failure, without addresses.
         *
         * @param failure the failure, or {@code null}
         * @return this builder
         */
        public Builder failure(String failure) {
            this.failure = failure;
            return this;
        }

        /**
         * The receipt.
         *
         * @return an immutable receipt
         */
        public Receipt build() {
            return new Receipt(this);
        }
    }
}

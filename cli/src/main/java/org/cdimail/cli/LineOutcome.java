package org.cdimail.cli;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.cdimail.Receipt;

/**
 * What happened to one non-blank line of a {@code send-mass} file.
 *
 * @param line    the line number, from 1, blank lines counted
 * @param status  the outcome
 * @param receipt the backend's receipt of the line's message, when the backend gave one
 * @param reason  why the line was not sent to every recipient, one line without addresses;
 *                {@code null} for {@link Status#SENT}
 */
record LineOutcome(long line, Status status, Receipt receipt, String reason) {

    /** The outcome of a line, as the summary counts it and the {@code --report} file names it. */
    enum Status {
        /** Every recipient accepted the message. */
        SENT,
        /** Some recipients accepted the message, others refused it. */
        PARTLY_SENT,
        /** The message was tried and no recipient accepted it. */
        NOT_SENT,
        /** The run stopped before the message was tried. */
        NOT_ATTEMPTED,
        /** The line is not a message that can be sent: bad JSON, a refused header, no recipients. */
        INVALID,
        /**
         * The backend failed without saying which messages of its batch it had sent: the line may
         * or may not have been delivered.
         */
        UNKNOWN;

        /** The name in the {@code --report} file: {@code partly_sent}. */
        String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status of(Receipt.Status status) {
            return switch (status) {
                case SENT -> SENT;
                case PARTLY_SENT -> PARTLY_SENT;
                case NOT_SENT -> NOT_SENT;
                case NOT_ATTEMPTED -> NOT_ATTEMPTED;
            };
        }
    }

    /** Checks that only a sent line has no reason. */
    LineOutcome {
        Objects.requireNonNull(status, "status");
        if ((status == Status.SENT) != (reason == null)) {
            throw new IllegalArgumentException("a reason is given exactly for lines not sent to everyone");
        }
    }

    static LineOutcome invalid(long line, String reason) {
        return new LineOutcome(line, Status.INVALID, null, reason);
    }

    Optional<Receipt> receiptIfAny() {
        return Optional.ofNullable(receipt);
    }
}

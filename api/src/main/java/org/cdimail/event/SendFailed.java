package org.cdimail.event;

import java.util.Objects;
import java.util.Optional;

import org.cdimail.EmailMessage;
import org.cdimail.Receipt;

/**
 * A message was not delivered to some or all of its recipients: refused by the server, or not
 * sent at all because of a failure (connection refused, timeout, lost connection). Fired once per
 * such message, on every path, for every backend. Refusals {@linkplain org.cdimail.Refusal#policy()
 * by policy} alone (a veto, {@code allowed-recipients}) do not fire it: nothing failed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param alias     the alias
 * @param receipt   the message's receipt: what was accepted, what was refused and with which codes
 * @param reason    the reason id: the SMTP reply ({@code "550 5.1.1"}, or {@code "421"}) of the first
 *                  refusal, or the cdi-mail error id ({@code "CDIMAIL-00130"}) of a failure with no reply
 * @param temporary whether every failure was temporary (4xx, a timeout, a lost connection)
 * @param outcome   what becomes of the message
 * @param fromQueue whether a queue worker was delivering it
 */
public record SendFailed(String alias, Receipt receipt, String reason, boolean temporary, Outcome outcome,
        boolean fromQueue) {

    /** What becomes of a message that failed. */
    public enum Outcome {
        /** The failure is reported to the sender (an exception or the receipt); nobody retries it. */
        REPORTED,
        /** The durable queue will try the failed recipients again later. */
        RETRYING,
        /** The durable queue gave up: the message is in the dead-letter queue. */
        DEAD
    }

    /**
     * Checks the components.
     *
     * @param alias     the alias
     * @param receipt   the receipt
     * @param reason    the reason id
     * @param temporary whether the failure was temporary
     * @param outcome   what becomes of the message
     * @param fromQueue whether a queue worker was delivering it
     */
    public SendFailed {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * The message, when the backend was given one (not for a queue worker's delivery).
     *
     * @return {@code receipt().message()}
     */
    public Optional<EmailMessage> message() {
        return receipt.message();
    }
}

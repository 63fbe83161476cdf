package org.cdimail.event;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.cdimail.EmailMessage;
import org.cdimail.Receipt;

/**
 * A message was delivered to at least one recipient ({@link Receipt.Status#SENT} or
 * {@link Receipt.Status#PARTLY_SENT}): fired once per message after the backend returned its
 * receipt, on every path, including the durable queue's workers (then when the worker delivered
 * it, not when it was enqueued). A partly sent message also fires {@link SendFailed} for the
 * recipients that refused it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param alias     the alias that delivered the message
 * @param receipt   its receipt
 * @param fromQueue whether a queue worker delivered it (then {@link Receipt#message()} is empty:
 *                  the worker has the rendered bytes)
 * @param elapsed   how long the delivery of the batch that held the message took
 */
public record AfterSend(String alias, Receipt receipt, boolean fromQueue, Duration elapsed) {

    /**
     * Checks the components.
     *
     * @param alias     the alias
     * @param receipt   the receipt
     * @param fromQueue whether a queue worker delivered it
     * @param elapsed   the time the delivery took
     */
    public AfterSend {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(elapsed, "elapsed");
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

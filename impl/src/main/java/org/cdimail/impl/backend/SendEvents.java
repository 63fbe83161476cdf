package org.cdimail.impl.backend;

import java.time.Duration;

import org.cdimail.Receipt;
import org.cdimail.event.SendFailed;

/**
 * Where the outcome of a delivery is told: fires {@link org.cdimail.event.AfterSend} and
 * {@link SendFailed} to the application's observers (and counts them for metrics). The stage that
 * wraps every alias's connections uses it for direct sends; the durable queue's workers use it for
 * what they deliver, since only they know whether a failed message will be retried or is dead.
 */
public interface SendEvents {

    /** Tells nobody: for contexts outside a container. */
    SendEvents NONE = new SendEvents() {
        @Override
        public void delivered(Receipt receipt, Duration elapsed, boolean fromQueue) {
        }

        @Override
        public void failed(Receipt receipt, SendFailed.Outcome outcome, boolean fromQueue) {
        }
    };

    /**
     * A message was delivered to at least one recipient: fires {@code AfterSend}.
     *
     * @param receipt   its receipt
     * @param elapsed   how long the delivery of its batch took
     * @param fromQueue whether a queue worker delivered it
     */
    void delivered(Receipt receipt, Duration elapsed, boolean fromQueue);

    /**
     * A message was refused by some or all recipients, or not sent because of a failure: fires
     * {@code SendFailed}, deriving the reason and whether it was temporary from the receipt.
     *
     * @param receipt   its receipt
     * @param outcome   what becomes of it
     * @param fromQueue whether a queue worker was delivering it
     */
    void failed(Receipt receipt, SendFailed.Outcome outcome, boolean fromQueue);
}

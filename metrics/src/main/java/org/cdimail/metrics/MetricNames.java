package org.cdimail.metrics;

import org.cdimail.event.SendFailed;

/**
 * The names of cdi-mail's meters, the same in both registries (Prometheus shows the dots as
 * underscores). Every meter carries the tag {@value #ALIAS}; the sent counter and the timer also
 * {@value #SOURCE}: {@value #DIRECT} for a send on the caller's path, {@value #QUEUE} for a
 * queue worker's delivery.
 */
final class MetricNames {

    /** Messages delivered to at least one recipient ({@code AfterSend}). */
    static final String SENT = "cdimail.sent";
    /** Messages a direct send failed for, or some of whose recipients were refused ({@code SendFailed} REPORTED). */
    static final String FAILED = "cdimail.failed";
    /** Queued messages whose failure will be retried ({@code SendFailed} RETRYING). */
    static final String RETRIED = "cdimail.retried";
    /** Queued messages given up: in the dead-letter queue ({@code SendFailed} DEAD). */
    static final String DEAD = "cdimail.dead";
    /** How long a delivery took ({@code AfterSend.elapsed()}: the batch the message was in). */
    static final String SEND_TIME = "cdimail.send";
    /** The messages waiting in a queued alias's queue (ready, scheduled for a retry, being delivered). */
    static final String QUEUE_DEPTH = "cdimail.queue.depth";

    static final String ALIAS = "alias";
    static final String SOURCE = "source";
    static final String DIRECT = "direct";
    static final String QUEUE = "queue";

    private MetricNames() {
    }

    /** The counter a failure counts in. */
    static String failure(SendFailed.Outcome outcome) {
        return switch (outcome) {
            case REPORTED -> FAILED;
            case RETRYING -> RETRIED;
            case DEAD -> DEAD;
        };
    }

    static String source(boolean fromQueue) {
        return fromQueue ? QUEUE : DIRECT;
    }
}

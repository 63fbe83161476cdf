package org.cdimail.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When deferred recipients are tried again, as Postfix does: the first retry after
 * {@code queue.retry.initial-delay}, each next one after twice the previous wait, never more
 * than {@code queue.retry.max-delay}, each with up to {@value #JITTER_PERCENT}% random jitter
 * (so that messages deferred together do not all come back together); and never once the
 * message is {@code queue.max-age} old: then it is dead.
 *
 * @param initialDelay the first wait
 * @param maxDelay     the longest wait
 * @param maxAge       how long after its first enqueueing a message may still be retried
 */
record RetryPolicy(Duration initialDelay, Duration maxDelay, Duration maxAge) {

    static final int JITTER_PERCENT = 20;

    /**
     * The wait before the next attempt of a message that has had {@code attempts} attempts.
     *
     * @param enqueued when the message was first enqueued
     * @param attempts attempts so far, at least 1
     * @param now      the time
     * @return the wait, or empty when the message is too old to retry
     */
    Optional<Duration> nextDelay(Instant enqueued, int attempts, Instant now) {
        if (!now.isBefore(enqueued.plus(maxAge))) {
            return Optional.empty();
        }
        long base = initialDelay.toMillis();
        for (int i = 1; i < attempts && base < maxDelay.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, maxDelay.toMillis());
        long jitter = base * JITTER_PERCENT / 100;
        long delay = base + (jitter > 0 ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
        return Optional.of(Duration.ofMillis(delay));
    }
}

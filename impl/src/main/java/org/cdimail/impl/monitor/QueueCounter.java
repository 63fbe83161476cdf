package org.cdimail.impl.monitor;

/**
 * Counts a queued alias's messages for its readiness check. The health artifact implements it
 * with the queue artifact, when that is on the class path.
 */
@FunctionalInterface
public interface QueueCounter {

    /**
     * The messages of a queue.
     *
     * @param pending ready, scheduled for a retry or being delivered
     * @param dead    in the dead-letter queue
     */
    record Counts(long pending, long dead) {
    }

    /**
     * Asks the broker.
     *
     * @return the counts now
     * @throws RuntimeException if the broker cannot be asked
     */
    Counts count();
}

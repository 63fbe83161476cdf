package org.cdimail.queue;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a worker did, counted in messages (a message delivered to some recipients and deferred
 * for others counts once as deferred; its last attempt counts it as delivered or dead):
 * delivered (every remaining recipient accepted), deferred (re-queued for later), dead (moved to
 * the dead-letter queue), redelivered (handed out again by the broker after a worker stopped
 * before acknowledging them: they may have been delivered twice, the at-least-once window) and
 * uncertain (the connection was lost after the final dot: retried, so possibly delivered twice).
 * Thread-safe.
 */
final class WorkerCounts {

    final AtomicLong delivered = new AtomicLong();
    final AtomicLong deferred = new AtomicLong();
    final AtomicLong dead = new AtomicLong();
    final AtomicLong redelivered = new AtomicLong();
    final AtomicLong uncertain = new AtomicLong();

    /** @return a snapshot */
    Snapshot snapshot() {
        return new Snapshot(delivered.get(), deferred.get(), dead.get(), redelivered.get(), uncertain.get());
    }

    /**
     * The counts at one moment.
     *
     * @param delivered   messages delivered to every remaining recipient
     * @param deferred    messages re-queued for a later attempt
     * @param dead        messages moved to the dead-letter queue
     * @param redelivered messages the broker handed out again (possible duplicates)
     * @param uncertain   messages retried after a connection lost after the final dot (possible duplicates)
     */
    public record Snapshot(long delivered, long deferred, long dead, long redelivered, long uncertain) {

        /** @return one line for people, as {@code cdi-mail worker} prints it */
        @Override
        public String toString() {
            return "delivered " + delivered + ", deferred " + deferred + ", dead " + dead + ", redelivered "
                    + redelivered + " and uncertain " + uncertain + " (possible duplicates)";
        }
    }
}

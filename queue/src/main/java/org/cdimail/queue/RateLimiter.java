package org.cdimail.queue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code queue.rate}: at most so many messages per second, shared by a worker's consumers. A
 * consumer reserves its batch's messages and waits until the reservation starts; the wait is
 * bounded by the batch size over the rate. Thread-safe.
 */
final class RateLimiter {

    private final double perSecond;
    private long nextFree = System.nanoTime();

    /** @param perSecond messages per second; 0 for no limit */
    RateLimiter(double perSecond) {
        this.perSecond = perSecond;
    }

    /**
     * Waits until {@code messages} may be delivered.
     *
     * @param messages how many
     * @param stopping whether the worker is stopping (then it returns at once)
     */
    void acquire(int messages, java.util.function.BooleanSupplier stopping) {
        if (perSecond <= 0) {
            return;
        }
        long start;
        synchronized (this) {
            long now = System.nanoTime();
            start = Math.max(now, nextFree);
            nextFree = start + (long) (messages * TimeUnit.SECONDS.toNanos(1) / perSecond);
        }
        for (long wait = start - System.nanoTime(); wait > 0 && !stopping.getAsBoolean();
                wait = start - System.nanoTime()) {
            LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }
}

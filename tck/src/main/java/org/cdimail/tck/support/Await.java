package org.cdimail.tck.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition that another thread makes true, such as a server recording a command. */
public final class Await {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Await() {
    }

    /**
     * Returns as soon as {@code condition} holds, or fails after {@code timeout}.
     *
     * @param condition   the condition
     * @param timeout     how long to wait at most
     * @param description what is awaited, for the failure message
     * @throws AssertionError if the condition does not hold in time
     */
    public static void until(BooleanSupplier condition, Duration timeout, String description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + description);
            }
            LockSupport.parkNanos(POLL_NANOS); // re-check shortly; the condition has no event to wait on
        }
    }
}

package org.cdimail.metrics;

import java.util.function.Supplier;

import org.cdimail.impl.monitor.AliasMonitor;
import org.cdimail.queue.AliasQueue;
import org.cdimail.spi.EmailBackend;

/**
 * Reads a queued alias's depth through the queue artifact, once per scrape; loaded only when that
 * artifact is on the class path.
 */
final class QueueDepth implements Supplier<Double> {

    private final AliasMonitor monitor;

    private QueueDepth(AliasMonitor monitor) {
        this.monitor = monitor;
    }

    static Supplier<Double> of(AliasMonitor monitor) {
        return new QueueDepth(monitor);
    }

    /** @return the messages waiting; NaN when the broker cannot be asked */
    @Override
    public Double get() {
        try (EmailBackend connection = monitor.connect()) {
            return AliasQueue.of(connection).map(queue -> (double) queue.pending()).orElse(Double.NaN);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}

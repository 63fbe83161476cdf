package org.cdimail.health;

import static org.cdimail.impl.ImplError.HEALTH_QUEUE_NOT_COUNTED;

import org.cdimail.impl.monitor.AliasMonitor;
import org.cdimail.impl.monitor.QueueCounter;
import org.cdimail.queue.AliasQueue;
import org.cdimail.spi.EmailBackend;

/**
 * Counts a queued alias's messages through the queue artifact; loaded only when that artifact is
 * on the class path. Each count takes a connection of the alias, reaches its queue and asks the
 * broker: the pending messages, and the dead letters (browsed, so counted once per
 * {@code health.interval} at most).
 */
final class QueueCounts implements QueueCounter {

    private final AliasMonitor monitor;

    private QueueCounts(AliasMonitor monitor) {
        this.monitor = monitor;
    }

    static QueueCounter of(AliasMonitor monitor) {
        return new QueueCounts(monitor);
    }

    @Override
    public Counts count() {
        try (EmailBackend connection = monitor.connect()) {
            AliasQueue queue = AliasQueue.of(connection).orElseThrow(() -> new IllegalStateException(
                    HEALTH_QUEUE_NOT_COUNTED.message("the connections of alias '" + monitor.alias()
                            + "' do not lead to its queue")));
            return new Counts(queue.pending(), queue.deadLetterCodes().size());
        }
    }
}

package org.cdimail.cli;

import java.io.PrintWriter;
import java.time.Duration;

import org.cdimail.queue.AliasQueue;
import org.cdimail.queue.Worker;

/**
 * {@code send-mass} on a queued alias without {@code --enqueue-only}: once every line is
 * queued, delivers the alias's queue until nothing is ready, scheduled or in flight, as
 * {@code worker --until-empty} does, and prints what happened.
 */
final class QueuedDelivery {

    /** The longest a send-mass waits for its queue to empty (retries included). */
    static final Duration MAX_WAIT = Duration.ofHours(24);

    private QueuedDelivery() {
    }

    /**
     * Delivers the queue until it is empty.
     *
     * @param queue the alias's queue
     * @param out   where the counts are printed
     * @return {@code true} when everything was delivered: nothing dead, nothing left
     */
    static boolean deliver(AliasQueue queue, PrintWriter out) {
        int consumers = Math.max(1, queue.consumers());
        Worker worker = queue.startWorker(consumers);
        boolean empty;
        try {
            empty = worker.awaitEmpty(MAX_WAIT);
        } finally {
            worker.close();
        }
        out.println("Delivered from the queue: " + worker.counts());
        return empty && worker.counts().dead() == 0;
    }
}

package org.cdimail.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.jms.JMSException;

import org.cdimail.MailException;
import org.cdimail.impl.backend.SendEvents;
import org.cdimail.spi.EmailBackend;

/**
 * Delivers an alias's queue: {@code queue.consumers} consumer threads
 * ({@code cdi-mail-queue-<alias>-n}, or the container's managed threads for in-app consumers),
 * each with its own connection of the alias's backend, on one JMS connection (or, with a
 * container-managed factory, a pooled connection per batch). Several workers (threads of one JVM,
 * or JVMs on one remote broker) are competing consumers of the same queue. {@link #close()} stops
 * them after their current batch.
 */
public final class Worker implements AutoCloseable {

    /** The worker's state. */
    enum State { RUNNING, STOPPING, STOPPED }

    private final Sessions sessions;
    private final QueueInspector inspector;
    private final WorkerCounts counts = new WorkerCounts();
    private final List<Thread> threads = new ArrayList<>();
    private final List<EmailBackend> backends;
    private volatile State state = State.RUNNING;

    /**
     * Starts the consumers.
     *
     * @param sessions  the worker's own sessions (closed with it)
     * @param settings  the alias's queue settings
     * @param consumers how many
     * @param backends  one connection of the alias's backend per consumer
     * @param events    where deliveries and failures are told
     * @param threadFactory makes the consumers' threads
     * @throws JMSException if the broker cannot be reached
     */
    Worker(Sessions sessions, QueueSettings settings, int consumers, List<EmailBackend> backends, SendEvents events,
            ThreadFactory threadFactory) throws JMSException {
        this.sessions = sessions;
        this.backends = List.copyOf(backends);
        this.inspector = new QueueInspector(sessions, settings);
        RetryPolicy retry = new RetryPolicy(settings.initialDelay(), settings.maxDelay(), settings.maxAge());
        Consumer.Shared shared = new Consumer.Shared(sessions, settings, retry, new RateLimiter(settings.rate()),
                counts, events, () -> state != State.RUNNING);
        if (!sessions.containerManaged()) {
            sessions.shared(); // connected and started now: a broker that cannot be reached fails here
        }
        for (int i = 0; i < consumers; i++) {
            Thread thread = threadFactory.newThread(new Consumer(shared, backends.get(i)));
            if (thread == null) {
                throw new IllegalStateException(QueueError.NO_WORKER_CONNECTION.message("no thread for a consumer of alias '"
                        + settings.alias() + "'"));
            }
            thread.setName("cdi-mail-queue-" + settings.alias() + "-" + (i + 1));
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /**
     * What the worker did so far.
     *
     * @return the counts
     */
    public WorkerCounts.Snapshot counts() {
        return counts.snapshot();
    }

    /**
     * Waits until nothing of the alias's queue is ready, scheduled or in flight.
     *
     * @param deadline the longest wait
     * @return {@code true} if the queue is empty, {@code false} at the deadline
     * @throws MailException if the broker cannot be asked
     */
    public boolean awaitEmpty(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (pending() > 0) {
            if (System.nanoTime() - end >= 0 || state != State.RUNNING) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        return true;
    }

    private long pending() {
        try {
            return inspector.pending();
        } catch (JMSException e) {
            throw new MailException(QueueError.QUEUE_NOT_ASKED.message("the queue could not be asked: " + e.getClass().getSimpleName()), e);
        }
    }

    /** Stops the consumers after their current batch (waiting up to a minute), and their connections. */
    @Override
    public void close() {
        if (state != State.RUNNING) {
            return;
        }
        state = State.STOPPING;
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        for (Thread thread : threads) {
            long left = end - System.nanoTime();
            if (left > 0) {
                try {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        sessions.close();
        backends.forEach(EmailBackend::close);
        state = State.STOPPED;
    }
}

package org.cdimail.impl.async;

import static org.cdimail.impl.ImplError.ASYNC_NOT_SENT_AT_SHUTDOWN;
import static org.cdimail.impl.ImplError.ASYNC_REJECTED;
import static org.cdimail.impl.ImplError.ASYNC_STOPPING;
import static org.cdimail.impl.ImplError.ASYNC_TOO_MANY_PENDING;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.cdimail.MailException;

/**
 * The asynchronous sends of one container: admits them up to {@code mail.async.max-pending}, runs
 * them on the container's {@code ManagedExecutorService} when there is one and otherwise on an
 * executor of its own ({@code mail.async.threads} threads named {@code cdi-mail-async-<n>},
 * started on demand, not daemons, ending when idle for {@value #IDLE_SECONDS} seconds and when the
 * container stops), and at shutdown ({@link #stop()}) lets pending sends finish for up to
 * {@code mail.async.shutdown-timeout}, then completes the rest exceptionally and logs how many
 * were not sent. Thread-safe.
 */
public final class AsyncSends {

    /** How long an idle thread of the own executor lives. */
    static final int IDLE_SECONDS = 5;

    private static final System.Logger LOG = System.getLogger(AsyncSends.class.getName());

    private final AsyncSettings settings;
    private final Supplier<Optional<Executor>> container;
    private final Set<Ticket<?>> pending = ConcurrentHashMap.newKeySet();
    private final AtomicInteger admitted = new AtomicInteger();
    private final Object lock = new Object();
    private boolean stopping; // guarded by lock
    private ThreadPoolExecutor own; // guarded by lock

    /**
     * @param settings  the settings
     * @param container gives the container's executor, if any
     */
    public AsyncSends(AsyncSettings settings, Supplier<Optional<Executor>> container) {
        this.settings = settings;
        this.container = container;
    }

    /**
     * The settings.
     *
     * @return the settings read at deployment
     */
    public AsyncSettings settings() {
        return settings;
    }

    /**
     * Admits a send: its ticket's stage is failed at once when {@code mail.async.max-pending}
     * sends are pending or the container is stopping.
     *
     * @param <T>   the stage's value
     * @param alias the alias that sends
     * @return the send's ticket
     */
    public <T> Ticket<T> admit(String alias) {
        Ticket<T> ticket = new Ticket<>(alias);
        synchronized (lock) {
            if (stopping) {
                ticket.stage.completeExceptionally(new MailException(ASYNC_STOPPING.message(
                        "the container is stopping: an asynchronous send of alias '" + alias + "' is not accepted")));
                return ticket;
            }
            if (admitted.incrementAndGet() > settings.maxPending()) {
                admitted.decrementAndGet();
                ticket.stage.completeExceptionally(new MailException(ASYNC_TOO_MANY_PENDING.message(settings.maxPending()
                        + " asynchronous sends are pending, the most " + "mail.async.max-pending allows: a send of alias '"
                        + alias + "' is not accepted")));
                return ticket;
            }
            pending.add(ticket);
        }
        ticket.stage.whenComplete((value, failure) -> release(ticket));
        return ticket;
    }

    private void release(Ticket<?> ticket) {
        if (pending.remove(ticket)) {
            admitted.decrementAndGet();
        }
        synchronized (lock) {
            if (stopping) {
                lock.notifyAll();
            }
        }
    }

    /** The container's executor, else the own one (created on first use). */
    private Executor executor() {
        Optional<Executor> managed = container.get();
        if (managed.isPresent()) {
            return managed.get();
        }
        synchronized (lock) {
            if (own == null) {
                if (stopping) {
                    throw new RejectedExecutionException("stopping");
                }
                own = new ThreadPoolExecutor(settings.threads(), settings.threads(), IDLE_SECONDS, TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(), new NamedThreads());
                own.allowCoreThreadTimeOut(true);
            }
            return own;
        }
    }

    /**
     * Stops accepting sends, waits up to {@code mail.async.shutdown-timeout} for the pending ones
     * (queued, running, or waiting for their transaction) and completes those still pending
     * exceptionally, logging how many were not sent. Idempotent; called when the container stops.
     */
    public void stop() {
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        ThreadPoolExecutor executor;
        synchronized (lock) {
            if (stopping) {
                return;
            }
            stopping = true;
            try {
                long left;
                while (!pending.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                    lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = own;
        }
        int neverStarted = 0;
        int inFlight = 0;
        Map<String, Integer> byAlias = new TreeMap<>();
        for (Ticket<?> ticket : List.copyOf(pending)) {
            boolean started = ticket.started.get();
            if (ticket.stage.completeExceptionally(new MailException(ASYNC_NOT_SENT_AT_SHUTDOWN.message(
                    "the container stopped before this asynchronous send of alias '" + ticket.alias
                            + "' finished (mail.async.shutdown-timeout)")))) {
                if (started) {
                    inFlight++;
                } else {
                    neverStarted++;
                }
                byAlias.merge(ticket.alias, 1, Integer::sum);
            }
        }
        if (executor != null) {
            executor.shutdown(); // queued tasks find their stage completed and send nothing
        }
        if (neverStarted + inFlight > 0) {
            LOG.log(System.Logger.Level.WARNING, ASYNC_NOT_SENT_AT_SHUTDOWN.message((neverStarted + inFlight)
                    + " asynchronous sends were not finished when the container stopped (mail.async.shutdown-timeout="
                    + settings.shutdownTimeout() + "; by alias: " + byAlias.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))
                    + "): " + neverStarted + " were not sent, " + inFlight
                    + " were being delivered and may or may not have reached the server;"
                    + " their stages completed exceptionally"));
        }
    }

    /**
     * One admitted send: its stage, and how it is started (on the executor, on the calling thread,
     * or never, when its transaction rolled back).
     *
     * @param <T> the stage's value
     */
    public final class Ticket<T> {

        private final String alias;
        private final CompletableFuture<T> stage = new CompletableFuture<>();
        private final AtomicBoolean started = new AtomicBoolean();

        private Ticket(String alias) {
            this.alias = alias;
        }

        /**
         * The stage the caller gets: completed by the send, or exceptionally if it was refused.
         *
         * @return the stage
         */
        public CompletableFuture<T> stage() {
            return stage;
        }

        /**
         * Runs {@code work} on the executor; a refusal of the executor completes the stage
         * exceptionally (and is logged).
         *
         * @param work the send
         */
        public void start(Supplier<T> work) {
            if (stage.isDone()) {
                return;
            }
            try {
                executor().execute(() -> run(work));
            } catch (RejectedExecutionException e) {
                MailException refused = new MailException(ASYNC_REJECTED.message("the executor refused an asynchronous"
                        + " send of alias '" + alias + "' (the application is stopping?): it is not sent"), e);
                if (stage.completeExceptionally(refused)) {
                    LOG.log(System.Logger.Level.WARNING, refused.getMessage());
                }
            }
        }

        /**
         * Runs {@code work} on the calling thread.
         *
         * @param work the send
         */
        public void runHere(Supplier<T> work) {
            run(work);
        }

        /**
         * Completes the stage without sending.
         *
         * @param value the value, such as receipts of messages not attempted
         */
        public void complete(T value) {
            stage.complete(value);
        }

        /**
         * Completes the stage exceptionally without sending.
         *
         * @param failure why nothing is sent
         */
        public void fail(Throwable failure) {
            stage.completeExceptionally(failure);
        }

        private void run(Supplier<T> work) {
            if (!started.compareAndSet(false, true) || stage.isDone()) {
                return; // completed at shutdown (or twice started): nothing is sent
            }
            try {
                stage.complete(work.get());
            } catch (Throwable t) { // as CompletableFuture.supplyAsync: whatever fails completes the stage
                stage.completeExceptionally(t);
            }
        }
    }

    /** Names the own executor's threads; not daemons, so that a send in progress is not cut off by the JVM's exit. */
    private static final class NamedThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "cdi-mail-async-" + count.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        }
    }
}

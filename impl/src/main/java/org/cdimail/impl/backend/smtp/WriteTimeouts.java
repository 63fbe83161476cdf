package org.cdimail.impl.backend.smtp;

import static org.cdimail.impl.ImplError.NON_POSITIVE_PERIOD;
import static org.cdimail.impl.ImplError.WRITE_TIMEOUT_THREAD;

import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The write timeout of every SMTP connection, given to Jakarta Mail as
 * {@code mail.smtp.executor.writetimeout}. Angus Mail schedules a task before each socket write
 * that closes the socket if the write is not done in time, and cancels it after the write. Its
 * default executor is a thread per connection, woken twice per write: about 40 µs of CPU per
 * message sent. Here scheduling and cancelling are a map insertion and removal, and one daemon
 * thread, alive only while writes are pending, checks the deadlines every {@link #TICK_NANOS}: a
 * timeout fires at most one tick late. Thread-safe; shared by all aliases.
 */
final class WriteTimeouts extends AbstractExecutorService implements ScheduledExecutorService {

    static final WriteTimeouts INSTANCE = new WriteTimeouts();

    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Set<Deadline<?>> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean watching = new AtomicBoolean();

    private WriteTimeouts() {
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
        return enqueue(new Deadline<>(task, System.nanoTime() + unit.toNanos(delay)));
    }

    private <V> Deadline<V> enqueue(Deadline<V> deadline) {
        pending.add(deadline);
        if (!watching.get() && watching.compareAndSet(false, true)) {
            startWatcher();
        }
        return deadline;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return schedule(Executors.callable(task), delay, unit);
    }

    /**
     * Angus Mail schedules only one-shot deadlines; periodic tasks are supported for the
     * executor's contract, as a chain of one-shot deadlines on the same watcher.
     */
    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return new Repeating(task, initialDelay, period, unit, true);
    }

    /** As {@link #scheduleAtFixedRate}, the next run {@code delay} after the end of the previous one. */
    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
        return new Repeating(task, initialDelay, delay, unit, false);
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    /** Shared by every connection: a connection closing must not stop the others' deadlines. */
    @Override
    public void shutdown() {
        // Nothing to stop: the watcher ends by itself when no deadline is pending.
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }

    /** Pending deadlines, for tests. */
    int pending() {
        return pending.size();
    }

    private void startWatcher() {
        Thread watcher = new Thread(this::watch, "cdi-mail-smtp-write-timeouts");
        watcher.setDaemon(true);
        try {
            watcher.start();
        } catch (RuntimeException | Error e) {
            watching.set(false);
            throw new RejectedExecutionException(
                    WRITE_TIMEOUT_THREAD.message("cannot start the SMTP write-timeout thread"), e);
        }
    }

    /** Runs overdue deadlines every tick; ends when none is pending, so that no thread outlives the sending. */
    private void watch() {
        while (true) {
            LockSupport.parkNanos(this, TICK_NANOS);
            long now = System.nanoTime();
            for (Deadline<?> deadline : pending) {
                if (deadline.isCancelled()) {
                    pending.remove(deadline);
                } else if (now - deadline.at >= 0 && pending.remove(deadline)) {
                    fireApart(deadline);
                }
            }
            if (pending.isEmpty()) {
                watching.set(false);
                // A deadline added after the check above but before the flag was cleared found the
                // flag still set and started no watcher: take it over.
                if (pending.isEmpty() || !watching.compareAndSet(false, true)) {
                    return;
                }
            }
        }
    }

    /**
     * Runs an overdue task on a thread of its own, so that a task that blocks (closing an
     * {@code SSLSocket} waits for the lock of the very write it is meant to stop) never holds up
     * the other deadlines. Timeouts are rare; a thread each costs nothing in the normal case.
     */
    private static void fireApart(Deadline<?> deadline) {
        Thread firing = new Thread(deadline::fire, "cdi-mail-smtp-write-timeout");
        firing.setDaemon(true);
        try {
            firing.start();
        } catch (RuntimeException | Error e) {
            deadline.fire(); // no thread to spare: fire here rather than not at all
        }
    }

    /**
     * A periodic task: each run schedules the next one-shot deadline, until the task is cancelled
     * or throws (then {@link #get()} reports the failure, as {@link ScheduledExecutorService} says).
     */
    private final class Repeating implements ScheduledFuture<Object> {

        private final Runnable task;
        private final long periodNanos;
        private final boolean fixedRate;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile Deadline<Object> current;
        private volatile Throwable failure;

        Repeating(Runnable task, long initialDelay, long period, TimeUnit unit, boolean fixedRate) {
            if (period <= 0) {
                throw new IllegalArgumentException(
                        NON_POSITIVE_PERIOD.message("the period of a repeating task must be positive"));
            }
            this.task = task;
            this.periodNanos = unit.toNanos(period);
            this.fixedRate = fixedRate;
            next(System.nanoTime() + unit.toNanos(initialDelay));
        }

        private void next(long at) {
            Deadline<Object> deadline = new Deadline<>(Executors.callable(this::runOnce), at);
            current = deadline;
            enqueue(deadline);
            if (cancelled.get()) {
                deadline.cancel(false); // cancelled while this run was scheduling the next
            }
        }

        private void runOnce() {
            long scheduledAt = current.at;
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                failure = e;
                done.countDown();
                return;
            }
            if (!cancelled.get()) {
                next(fixedRate ? scheduledAt + periodNanos : System.nanoTime() + periodNanos);
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (failure != null || !cancelled.compareAndSet(false, true)) {
                return false;
            }
            current.cancel(false);
            done.countDown();
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }

        @Override
        public boolean isDone() {
            return done.getCount() == 0;
        }

        @Override
        public Object get() throws InterruptedException, ExecutionException {
            done.await();
            return outcome();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            if (!done.await(timeout, unit)) {
                throw new TimeoutException();
            }
            return outcome();
        }

        private Object outcome() throws ExecutionException {
            if (failure != null) {
                throw new ExecutionException(failure);
            }
            throw new CancellationException();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return current.getDelay(unit);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }

    /** One write's deadline: cancelled when the write finishes, else fired by the watcher. */
    private final class Deadline<V> implements ScheduledFuture<V> {

        private static final int WAITING = 0;
        private static final int CANCELLED = 1;
        private static final int RUNNING = 2;

        private final Callable<V> task;
        private final long at;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile V result;
        private volatile Throwable failure;

        Deadline(Callable<V> task, long at) {
            this.task = task;
            this.at = at;
        }

        void fire() {
            if (!state.compareAndSet(WAITING, RUNNING)) {
                return;
            }
            try {
                result = task.call();
            } catch (Exception | Error e) {
                failure = e;
            } finally {
                done.countDown();
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (state.compareAndSet(WAITING, CANCELLED)) {
                pending.remove(this);
                done.countDown();
                return true;
            }
            return false;
        }

        @Override
        public boolean isCancelled() {
            return state.get() == CANCELLED;
        }

        @Override
        public boolean isDone() {
            return done.getCount() == 0;
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            done.await();
            return outcome();
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            if (!done.await(timeout, unit)) {
                throw new TimeoutException();
            }
            return outcome();
        }

        private V outcome() throws ExecutionException {
            if (isCancelled()) {
                throw new CancellationException();
            }
            if (failure != null) {
                throw new ExecutionException(failure);
            }
            return result;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}

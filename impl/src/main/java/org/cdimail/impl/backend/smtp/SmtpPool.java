package org.cdimail.impl.backend.smtp;

import static org.cdimail.impl.ImplError.POOL_CLOSED;
import static org.cdimail.impl.ImplError.POOL_EXHAUSTED;
import static org.cdimail.impl.ImplError.POOL_WAIT_INTERRUPTED;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.cdimail.MailException;
import org.cdimail.impl.backend.ConnectionOptions;
import org.cdimail.impl.config.PoolSettings;

/**
 * The pooled SMTP connections of one alias ({@code mail.<alias>.pool.*}): at most
 * {@code max-connections} at once, kept open between calls and lent to one caller at a time, the
 * most recently used first. A connection idle for {@code idle-timeout} is closed by a daemon
 * thread that runs only while idle connections exist. Also holds the threads that let one
 * {@code sendMassMail} use several connections at once. Thread-safe.
 */
final class SmtpPool {

    private final SmtpConnector connector;
    private final PoolSettings settings;
    private final long idleNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition returned = lock.newCondition();
    private final Condition idleChanged = lock.newCondition();
    /** Connections not lent out, most recently used first. */
    private final Deque<SmtpConnection> idle = new ArrayDeque<>();
    /** Connections that exist: lent out or idle. */
    private int existing;
    private boolean evicting;
    private boolean closed;
    private final ThreadPoolExecutor helpers;

    SmtpPool(SmtpConnector connector, PoolSettings settings) {
        this.connector = connector;
        this.settings = settings;
        this.idleNanos = settings.idleTimeout().toNanos();
        String alias = connector.settings().alias();
        AtomicInteger threads = new AtomicInteger();
        // No queue: a helper either starts now on a free thread or the caller does the work itself.
        this.helpers = new ThreadPoolExecutor(0, Math.max(1, settings.maxConnections() - 1), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "cdi-mail-smtp-" + alias + "-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** At most this many connections at once. */
    int maxConnections() {
        return settings.maxConnections();
    }

    /** Runs the helpers of a parallel delivery; rejects a task when every helper thread is busy. */
    ExecutorService helpers() {
        return helpers;
    }

    /**
     * A connection for the caller's exclusive use until {@link #release}: an idle one, or a new
     * (not yet connected) one while fewer than {@code max-connections} exist; otherwise waits for
     * one to be released, up to {@code mail.timeout}.
     *
     * @throws MailException if none is released in time, or the pool is closed
     */
    SmtpConnection lease() {
        long waitNanos = connector.settings().timeout().toNanos();
        List<SmtpConnection> expired = new ArrayList<>();
        lock.lock();
        try {
            while (true) {
                SmtpConnection connection = take(expired);
                if (connection != null) {
                    return connection;
                }
                if (waitNanos <= 0) {
                    throw new MailException(POOL_EXHAUSTED.message("all " + settings.maxConnections()
                            + " pooled SMTP connections of alias '" + connector.settings().alias()
                            + "' stayed busy for the whole timeout; raise pool.max-connections or mail.timeout"));
                }
                waitNanos = returned.awaitNanos(waitNanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailException(
                    POOL_WAIT_INTERRUPTED.message("interrupted while waiting for a pooled SMTP connection of alias '"
                    + connector.settings().alias() + "'"));
        } finally {
            lock.unlock();
            expired.forEach(SmtpConnection::close);
        }
    }

    /** Like {@link #lease()}, but returns {@code null} at once when no connection is free. */
    SmtpConnection tryLease() {
        List<SmtpConnection> expired = new ArrayList<>();
        lock.lock();
        try {
            return take(expired);
        } catch (MailException e) {
            return null;
        } finally {
            lock.unlock();
            expired.forEach(SmtpConnection::close);
        }
    }

    /** Under the lock: an idle connection that has not expired, or a new one if one more may exist. */
    private SmtpConnection take(List<SmtpConnection> expired) {
        if (closed) {
            throw new MailException(POOL_CLOSED.message("the SMTP connection pool of alias '"
                    + connector.settings().alias() + "' is closed (the application is stopping)"));
        }
        long now = System.nanoTime();
        while (!idle.isEmpty()) {
            SmtpConnection connection = idle.pollFirst();
            if (now - connection.idleSince() < idleNanos) {
                return connection;
            }
            existing--;
            expired.add(connection);
        }
        if (existing < settings.maxConnections()) {
            existing++;
            return new SmtpConnection(connector, ConnectionOptions.DEFAULTS, settings.maxMessagesPerConnection());
        }
        return null;
    }

    /** Takes a leased connection back: kept for the next caller when it is still open. */
    void release(SmtpConnection connection) {
        boolean keep;
        lock.lock();
        try {
            keep = connection.isOpen() && !closed;
            if (keep) {
                idle.addFirst(connection);
                // The evictor sleeps until the oldest idle connection expires; a newer one changes nothing for it.
                if (!evicting) {
                    evicting = true;
                    startEvictor();
                }
            } else {
                existing--;
            }
            returned.signal();
        } finally {
            lock.unlock();
        }
        if (!keep) {
            connection.close();
        }
    }

    /** Closes the idle connections now and every lent one when it comes back. */
    void close() {
        List<SmtpConnection> closing;
        lock.lock();
        try {
            closed = true;
            closing = new ArrayList<>(idle);
            existing -= idle.size();
            idle.clear();
            idleChanged.signalAll();
            returned.signalAll();
        } finally {
            lock.unlock();
        }
        closing.forEach(SmtpConnection::close);
        helpers.shutdown();
    }

    /** Connections idle in the pool now, for tests. */
    int idleCount() {
        lock.lock();
        try {
            return idle.size();
        } finally {
            lock.unlock();
        }
    }

    private void startEvictor() {
        Thread evictor = new Thread(this::evict, "cdi-mail-smtp-" + connector.settings().alias() + "-idle");
        evictor.setDaemon(true);
        try {
            evictor.start();
        } catch (RuntimeException | OutOfMemoryError e) {
            evicting = false; // no thread to spare: idle connections are then checked when next leased
        }
    }

    /** Closes connections as they pass the idle timeout, oldest first; ends when none is idle. */
    private void evict() {
        lock.lock();
        try {
            while (!idle.isEmpty()) {
                long overdue = System.nanoTime() - idle.peekLast().idleSince() - idleNanos;
                if (overdue >= 0) {
                    SmtpConnection oldest = idle.pollLast();
                    existing--;
                    returned.signal();
                    lock.unlock();
                    try {
                        oldest.close();
                    } finally {
                        lock.lock();
                    }
                } else {
                    idleChanged.awaitNanos(-overdue);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            evicting = false;
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "SmtpPool[" + connector.settings().alias() + ", " + settings + "]";
    }
}

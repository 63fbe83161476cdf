package org.cdimail.impl.monitor;

import static org.cdimail.impl.ImplError.HEALTH_DEAD_LETTERS;
import static org.cdimail.impl.ImplError.HEALTH_NO_ANSWER;
import static org.cdimail.impl.ImplError.HEALTH_PROBE_FAILED;
import static org.cdimail.impl.ImplError.HEALTH_QUEUE_BACKLOG;
import static org.cdimail.impl.ImplError.HEALTH_QUEUE_NOT_COUNTED;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.cdimail.impl.config.MailKey;

/**
 * The readiness of one alias, kept for {@code health.interval}: a probe asks {@link #current()},
 * which answers from the last check while it is younger than the interval. Otherwise it starts
 * one check in the background (at most one at a time, so at most one SMTP connection per
 * interval whatever the probe rate) and waits for it up to the alias's {@code timeout}; a check
 * still running then is reported down ({@code HEALTH_NO_ANSWER}) and kept when it ends.
 *
 * <p>A check: the SMTP probe of {@link AliasMonitor#probeSmtp()} (other backends are up), then for a
 * queued alias its counts, down when above {@code health.queue.max-pending} or
 * {@code health.queue.max-dead}. Thread-safe.
 */
public final class AliasHealth {

    private final AliasMonitor monitor;
    private final QueueCounter queue;
    private final Executor background;
    private final long intervalNanos;
    private final Duration timeout;
    private final OptionalLong maxPending;
    private final OptionalLong maxDead;
    private ProbeResult last;
    private long lastStarted;
    private CompletableFuture<ProbeResult> running;

    /**
     * Reads the alias's {@code health.*} settings.
     *
     * @param monitor    the alias
     * @param queue      counts the alias's queue; empty when it is not queued (or the queue
     *                   artifact is missing)
     * @param background runs the checks
     * @throws org.cdimail.impl.config.InvalidSettingException naming the key, if a setting is wrong
     */
    public AliasHealth(AliasMonitor monitor, Optional<QueueCounter> queue, Executor background) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.queue = queue.orElse(null);
        this.background = Objects.requireNonNull(background, "background");
        this.intervalNanos = monitor.healthInterval().toNanos();
        this.timeout = monitor.timeout();
        this.maxPending = monitor.maxPending();
        this.maxDead = monitor.maxDead();
    }

    /** @return the alias */
    public AliasMonitor monitor() {
        return monitor;
    }

    /**
     * The alias's readiness: the last check's while younger than {@code health.interval}, else a
     * new one's, waited for up to {@code timeout}.
     *
     * @return what was found
     */
    public ProbeResult current() {
        CompletableFuture<ProbeResult> check = due();
        try {
            return check.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return ProbeResult.down(Instant.now().minus(timeout), timeout, HEALTH_NO_ANSWER.message("the check of alias '"
                    + monitor.alias() + "' did not finish within " + timeout + " (" + monitor.keyOf(MailKey.TIMEOUT)
                    + "); it goes on in the background"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(e);
        } catch (ExecutionException e) {
            return failed(e.getCause());
        }
    }

    private synchronized CompletableFuture<ProbeResult> due() {
        if (running != null) {
            return running;
        }
        if (last != null && System.nanoTime() - lastStarted < intervalNanos) {
            return CompletableFuture.completedFuture(last);
        }
        long started = System.nanoTime();
        CompletableFuture<ProbeResult> check = new CompletableFuture<>();
        running = check;
        try {
            background.execute(() -> {
                ProbeResult result;
                try {
                    result = check();
                } catch (RuntimeException | Error e) {
                    result = failed(e);
                }
                finished(check, result, started);
            });
        } catch (RuntimeException e) { // rejected: the container is stopping
            finished(check, failed(e), started);
        }
        return check;
    }

    private void finished(CompletableFuture<ProbeResult> check, ProbeResult result, long started) {
        synchronized (this) {
            last = result;
            lastStarted = started;
            running = null;
        }
        check.complete(result);
    }

    private ProbeResult failed(Throwable e) {
        return ProbeResult.down(Instant.now(), Duration.ZERO, HEALTH_PROBE_FAILED.message("the check of alias '"
                + monitor.alias() + "' failed: " + e.getClass().getSimpleName()));
    }

    /** One check, now, on the calling thread. */
    ProbeResult check() {
        ProbeResult result = monitor.probeSmtp();
        if (queue == null) {
            return result;
        }
        QueueCounter.Counts counts;
        try {
            counts = queue.count();
        } catch (RuntimeException e) {
            if (!result.up() || maxPending.isEmpty() && maxDead.isEmpty()) {
                return result;
            }
            return ProbeResult.down(result.checkedAt(), result.elapsed(), HEALTH_QUEUE_NOT_COUNTED.message("the queue of alias '"
                    + monitor.alias() + "' could not be counted: " + e.getClass().getSimpleName()));
        }
        if (result.up() && maxPending.isPresent() && counts.pending() > maxPending.getAsLong()) {
            result = ProbeResult.down(result.checkedAt(), result.elapsed(), HEALTH_QUEUE_BACKLOG.message("alias '"
                    + monitor.alias() + "' has " + counts.pending() + " messages waiting, more than "
                    + monitor.keyOf(MailKey.HEALTH_QUEUE_MAX_PENDING) + "=" + maxPending.getAsLong()));
        } else if (result.up() && maxDead.isPresent() && counts.dead() > maxDead.getAsLong()) {
            result = ProbeResult.down(result.checkedAt(), result.elapsed(), HEALTH_DEAD_LETTERS.message("alias '"
                    + monitor.alias() + "' has " + counts.dead() + " dead letters, more than "
                    + monitor.keyOf(MailKey.HEALTH_QUEUE_MAX_DEAD) + "=" + maxDead.getAsLong()));
        }
        return result.withCounts(counts.pending(), counts.dead());
    }
}

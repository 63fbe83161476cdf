package org.cdimail.impl.monitor;

import static org.cdimail.impl.ImplError.HEALTH_BAD_THRESHOLD;
import static org.cdimail.impl.ImplError.HEALTH_PROBE_FAILED;
import static org.cdimail.impl.ImplError.INVALID_VALUE;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.cdimail.MailException;
import org.cdimail.impl.backend.AliasContext;
import org.cdimail.impl.backend.smtp.SmtpConnector;
import org.cdimail.impl.config.InvalidSettingException;
import org.cdimail.impl.config.MailKey;
import org.cdimail.spi.EmailBackend;

/**
 * One alias as health checks and metrics see it: its name and backend, where its SMTP server is
 * (host and port, never credentials), whether it is queued, its {@code health.*} settings, a
 * probe of its SMTP server, and new connections of the alias (through which the optional queue
 * artifact reaches a queued alias's queue). Obtained from
 * {@link org.cdimail.impl.MailExtension#monitor(String)}. Thread-safe.
 */
public final class AliasMonitor implements AutoCloseable {

    private static final String SMTP = "smtp";

    private final AliasContext context;
    private final Supplier<EmailBackend> connections;
    private SmtpConnector connector;
    private boolean closed;

    /**
     * @param context     the alias's context
     * @param connections gives a new, unopened connection of the alias, as the application gets one
     */
    public AliasMonitor(AliasContext context, Supplier<EmailBackend> connections) {
        this.context = Objects.requireNonNull(context, "context");
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /** @return the alias */
    public String alias() {
        return context.alias();
    }

    /** @return the name of the alias's backend, such as {@code smtp} */
    public String backend() {
        return context.backend();
    }

    /** @return whether the alias's backend is {@code smtp}, whose server a probe dials */
    public boolean smtp() {
        return SMTP.equals(backend());
    }

    /** @return whether {@code queue.enabled} is {@code true} for the alias */
    public boolean queued() {
        return context.config().lookup(alias(), MailKey.QUEUE_ENABLED).map(v -> v.strip().toLowerCase(Locale.ROOT))
                .filter("true"::equals).isPresent();
    }

    /**
     * Where the alias's SMTP server is: {@code host:port}, or the JNDI name of the container's
     * mail session when {@code session-jndi} is set. Never credentials.
     *
     * @return the server; empty for other backends
     */
    public Optional<String> endpoint() {
        if (!smtp()) {
            return Optional.empty();
        }
        Optional<String> session = context.config().lookup(alias(), MailKey.SESSION_JNDI).filter(s -> !s.isBlank());
        return Optional.of(session.map(name -> "session " + name.strip())
                .orElse(context.settings().host() + ":" + context.settings().port()));
    }

    /**
     * @param key a key
     * @return the full key that holds (or would hold) the alias's value: {@code mail.<alias>.<key>} when set, else {@code mail.<key>}
     */
    public String keyOf(MailKey key) {
        return context.keyOf(key);
    }

    /** @return the alias's {@code timeout}, which bounds each step of a probe */
    public Duration timeout() {
        return context.settings().timeout();
    }

    /**
     * @return {@code health.enabled}
     * @throws InvalidSettingException naming the key, if it is not {@code true} or {@code false}
     */
    public boolean healthEnabled() {
        String value = context.config().lookup(alias(), MailKey.HEALTH_ENABLED).orElse("true").strip()
                .toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            String key = context.keyOf(MailKey.HEALTH_ENABLED);
            throw new InvalidSettingException(key, INVALID_VALUE.message(key + " must be true or false"));
        }
        return value.equals("true");
    }

    /**
     * @return {@code health.interval}
     * @throws InvalidSettingException naming the key, if it is not a positive duration
     */
    public Duration healthInterval() {
        return context.config().duration(alias(), MailKey.HEALTH_INTERVAL);
    }

    /**
     * @return {@code health.queue.max-pending}; empty when unset
     * @throws InvalidSettingException naming the key, if it is not a whole number, 0 or more
     */
    public OptionalLong maxPending() {
        return threshold(MailKey.HEALTH_QUEUE_MAX_PENDING);
    }

    /**
     * @return {@code health.queue.max-dead}; empty when unset
     * @throws InvalidSettingException naming the key, if it is not a whole number, 0 or more
     */
    public OptionalLong maxDead() {
        return threshold(MailKey.HEALTH_QUEUE_MAX_DEAD);
    }

    private OptionalLong threshold(MailKey key) {
        Optional<String> value = context.config().lookup(alias(), key).map(String::strip).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long number = Long.parseLong(value.get());
            if (number >= 0) {
                return OptionalLong.of(number);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String name = context.keyOf(key);
        throw new InvalidSettingException(name, HEALTH_BAD_THRESHOLD.message(name + " must be a whole number, 0 or more"));
    }

    /**
     * Reads every {@code health.*} setting, so that a wrong one fails the deployment.
     *
     * @throws InvalidSettingException naming the key of the first wrong one
     */
    public void validateHealthSettings() {
        healthEnabled();
        healthInterval();
        maxPending();
        maxDead();
    }

    /**
     * Dials the alias's SMTP server now (see {@link SmtpConnector#probe()}): connect, greeting,
     * {@code EHLO}, TLS as configured, {@code QUIT}. Blocks for at most a few times the alias's
     * {@code timeout}; callers that must answer sooner run it in the background. An alias whose
     * backend is not {@code smtp} is up without a dial.
     *
     * @return what it found
     */
    public ProbeResult probeSmtp() {
        Instant start = Instant.now();
        long began = System.nanoTime();
        if (!smtp()) {
            return ProbeResult.up(start, Duration.ZERO);
        }
        try {
            connector().probe();
            return ProbeResult.up(start, Duration.ofNanos(System.nanoTime() - began));
        } catch (MailException | IllegalArgumentException | IllegalStateException e) {
            String message = e.getMessage() != null && e.getMessage().startsWith("CDIMAIL-") ? e.getMessage()
                    : HEALTH_PROBE_FAILED.message("the probe of alias '" + alias() + "' failed: "
                            + e.getClass().getSimpleName());
            return ProbeResult.down(start, Duration.ofNanos(System.nanoTime() - began), message);
        }
    }

    private synchronized SmtpConnector connector() {
        if (closed) {
            throw new IllegalStateException(HEALTH_PROBE_FAILED.message("the monitor of alias '" + alias()
                    + "' is closed"));
        }
        if (connector == null) {
            connector = SmtpConnector.of(context);
        }
        return connector;
    }

    /**
     * A new, unopened connection of the alias, as the application gets one; the caller closes it.
     *
     * @return the connection
     */
    public EmailBackend connect() {
        return connections.get();
    }

    /** Releases what probes keep (nothing stays connected between probes). Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (connector != null) {
            connector.close();
            connector = null;
        }
    }

    @Override
    public String toString() {
        return "AliasMonitor[" + alias() + ", backend=" + backend() + "]";
    }
}

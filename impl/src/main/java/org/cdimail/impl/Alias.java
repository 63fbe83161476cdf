package org.cdimail.impl;

import static org.cdimail.impl.ImplError.CONFIGURE_RETURNED_NULL;

import java.util.Objects;

import org.cdimail.impl.backend.AliasContext;
import org.cdimail.impl.backend.ConnectionOptions;
import org.cdimail.impl.backend.locmem.LocmemOutbox;
import org.cdimail.impl.config.AliasSettings;
import org.cdimail.spi.BackendFactory;
import org.cdimail.spi.BackendProvider;
import org.cdimail.spi.EmailBackend;

/**
 * One resolved alias: its context (settings, renderer, outbox) and the factory of its connections
 * that its backend's {@link BackendProvider} configured. Created once per alias and container by
 * {@link AliasRegistry}; immutable.
 */
final class Alias {

    private final AliasContext context;
    private final BackendFactory factory;
    private final boolean builtin;

    /**
     * Configures the alias's backend; everything that can be checked without sending is checked
     * here, so that deployment fails rather than the first send.
     *
     * @param context  the alias's context
     * @param provider its backend
     * @param builtin  whether the backend is cdi-mail's own (which handles fail-silently itself)
     * @throws IllegalArgumentException naming the key, if the configuration cannot be used
     */
    Alias(AliasContext context, BackendProvider provider, boolean builtin) {
        this.context = Objects.requireNonNull(context, "context");
        this.factory = QueueSwitch.apply(context, Objects.requireNonNull(provider.configure(context),
                () -> CONFIGURE_RETURNED_NULL.message(provider.getClass().getName() + ".configure returned null")));
        this.builtin = builtin;
    }

    String name() {
        return context.alias();
    }

    String type() {
        return context.backend();
    }

    AliasSettings settings() {
        return context.settings();
    }

    LocmemOutbox outbox() {
        return context.outbox();
    }

    AliasContext context() {
        return context;
    }

    /** Closes what the alias keeps open between calls (pooled SMTP connections); the container is stopping. */
    void close() {
        factory.close();
    }

    /** A new, unopened connection. */
    EmailBackend connect(ConnectionOptions options) {
        Objects.requireNonNull(options, "options");
        EmailBackend connection = factory.connect(context.withConnection(options));
        return options.failSilently() && !builtin ? new FailSilentlyBackend(connection) : connection;
    }

    @Override
    public String toString() {
        return "Alias[" + name() + ", backend=" + type() + "]";
    }
}

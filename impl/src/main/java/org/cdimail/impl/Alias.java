package org.cdimail.impl;

import static org.cdimail.impl.ImplError.CONFIGURE_RETURNED_NULL;

import java.util.Objects;

import org.cdimail.impl.backend.AliasContext;
import org.cdimail.impl.backend.ConnectionOptions;
import org.cdimail.impl.backend.locmem.LocmemOutbox;
import org.cdimail.impl.config.AliasSettings;
import org.cdimail.impl.pipeline.MailEvents;
import org.cdimail.impl.pipeline.RecipientPolicy;
import org.cdimail.impl.pipeline.SendPipeline;
import org.cdimail.impl.tx.AfterCommit;
import org.cdimail.impl.tx.Transactions;
import org.cdimail.spi.BackendFactory;
import org.cdimail.spi.BackendProvider;
import org.cdimail.spi.EmailBackend;

/**
 * One resolved alias: its context (settings, renderer, outbox, events), the factory of its
 * connections that its backend's {@link BackendProvider} configured (behind the durable queue when
 * the alias has one), and the {@link SendPipeline} every connection goes through. Created once per
 * alias and container by {@link AliasRegistry}; immutable.
 */
final class Alias {

    private final AliasContext context;
    private final BackendFactory factory;
    private final boolean builtin;
    private final SendPipeline pipeline;
    private final AfterCommit afterCommit;

    /**
     * Configures the alias's backend; everything that can be checked without sending is checked
     * here, so that deployment fails rather than the first send.
     *
     * @param context  the alias's context, telling its deliveries to {@code events}
     * @param provider its backend
     * @param builtin  whether the backend is cdi-mail's own (which handles fail-silently itself)
     * @param events   the alias's events
     * @param transactions the container's JTA transactions, for {@code mail.<alias>.transactional}
     * @throws IllegalArgumentException naming the key, if the configuration cannot be used
     */
    Alias(AliasContext context, BackendProvider provider, boolean builtin, MailEvents events,
            Transactions transactions) {
        this.context = Objects.requireNonNull(context, "context");
        // Governance first: a wrong key must fail before the backend or the queue holds resources.
        RecipientPolicy policy = RecipientPolicy.of(context.config(), context.alias());
        BackendFactory delivering = Objects.requireNonNull(provider.configure(context),
                () -> CONFIGURE_RETURNED_NULL.message(provider.getClass().getName() + ".configure returned null"));
        this.factory = QueueSwitch.apply(context, delivering);
        this.builtin = builtin;
        this.pipeline = new SendPipeline(events, policy, factory != delivering);
        this.afterCommit = AfterCommit.of(context, transactions, factory);
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

    /** Whether sends made inside a JTA transaction wait for its commit ({@code transactional}). */
    AfterCommit afterCommit() {
        return afterCommit;
    }

    /**
     * A new, unopened connection: the transactional stage (holding sends made inside a JTA
     * transaction until the commit) in front of the alias's pipeline (events and recipient
     * governance) in front of the backend's connection.
     */
    EmailBackend connect(ConnectionOptions options) {
        Objects.requireNonNull(options, "options");
        return afterCommit.wrap(direct(options), () -> direct(options), options.failSilently());
    }

    /** A new connection of the backend, without the transactional stage. */
    private EmailBackend direct(ConnectionOptions options) {
        EmailBackend connection = factory.connect(context.withConnection(options));
        if (options.failSilently() && !builtin) {
            connection = new FailSilentlyBackend(connection);
        }
        return pipeline.wrap(connection, options.failSilently());
    }

    @Override
    public String toString() {
        return "Alias[" + name() + ", backend=" + type() + "]";
    }
}

package org.cdimail.impl;

import static org.cdimail.impl.ImplError.NO_BACKEND;
import static org.cdimail.impl.ImplError.OUTBOX_WITHOUT_LOCMEM;
import static org.cdimail.impl.ImplError.UNKNOWN_BACKEND;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

import org.cdimail.Mailer;
import org.cdimail.inject.Backend;
import org.cdimail.impl.async.AsyncSends;
import org.cdimail.impl.async.AsyncSettings;
import org.cdimail.impl.backend.AliasContext;
import org.cdimail.impl.backend.locmem.LocmemOutbox;
import org.cdimail.impl.config.InvalidSettingException;
import org.cdimail.impl.config.MailConfig;
import org.cdimail.impl.config.MailKey;
import org.cdimail.impl.dkim.DkimSettings;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.impl.mime.RenderSettings;
import org.cdimail.impl.pipeline.EventBus;
import org.cdimail.impl.pipeline.MailEvents;
import org.cdimail.impl.tx.Transactions;
import org.cdimail.spi.AccessTokenProvider;
import org.cdimail.spi.BackendProvider;

/**
 * The aliases of one container: resolves an alias to its backend, and keeps one {@link Alias},
 * one outbox and one {@link Mailer} per alias. Thread-safe.
 *
 * <p>Backend resolution: {@code mail.<alias>.backend}; else the alias's own name when it names a
 * backend (built-in or custom); else, for {@value Backend#DEFAULT} only, {@code mail.backend}
 * (default {@code smtp}).
 */
final class AliasRegistry {

    private static final String LOCMEM = "locmem";

    private final MailConfig config;
    private final BackendTypes backends;
    private final Supplier<Optional<Executor>> executor;
    private final Function<String, Optional<AccessTokenProvider>> tokenProviders;
    private final EventBus events;
    private final ConcurrentMap<String, Alias> aliases = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LocmemOutbox> outboxes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Mailer> mailers = new ConcurrentHashMap<>();
    private final Transactions transactions = Transactions.lookUp();
    private final AsyncSends async;

    /**
     * @param config   the configuration
     * @param backends the backends the container knows
     * @param executor gives the container's executor, if any
     * @param tokenProviders gives an alias's access token provider bean, if any
     * @param events   fires the mail events to the application's observers
     * @throws IllegalArgumentException naming the key, if a {@code mail.async.*} value cannot be used
     */
    AliasRegistry(MailConfig config, BackendTypes backends, Supplier<Optional<Executor>> executor,
            Function<String, Optional<AccessTokenProvider>> tokenProviders, EventBus events) {
        this.config = config;
        this.backends = backends;
        this.executor = executor;
        this.tokenProviders = tokenProviders;
        this.events = events;
        this.async = new AsyncSends(AsyncSettings.from(config), executor);
    }

    /** The backend an alias uses and the key it comes from ({@code null} when implied by the alias name). */
    record Choice(String backend, String key) {
    }

    Optional<Choice> backendOf(String alias) {
        Optional<String> own = config.raw(MailKey.BACKEND.key(alias)).map(String::strip);
        if (own.isPresent()) {
            return Optional.of(new Choice(own.get(), MailKey.BACKEND.key(alias)));
        }
        if (isBackend(alias)) {
            return Optional.of(new Choice(alias, null));
        }
        if (Backend.DEFAULT.equals(alias)) {
            String backend = config.raw(MailKey.BACKEND.key()).map(String::strip)
                    .orElse(MailKey.BACKEND.defaultValue().orElseThrow());
            return Optional.of(new Choice(backend, MailKey.BACKEND.key()));
        }
        return Optional.empty();
    }

    boolean isBackend(String name) {
        return backends.isBackend(name);
    }

    /**
     * The resolved alias, created and checked on first use.
     *
     * @throws IllegalArgumentException naming the alias and the key, if it cannot be resolved or
     *                                  its configuration cannot be used
     */
    Alias alias(String name) {
        Alias known = aliases.get(name);
        return known != null ? known : aliases.computeIfAbsent(name, this::create);
    }

    private Alias create(String name) {
        Choice choice = backendOf(name).orElseThrow(() -> new InvalidSettingException(MailKey.BACKEND.key(name),
                NO_BACKEND.message("alias '" + name + "' has no backend: set " + MailKey.BACKEND.key(name)
                        + " (or use the name of a backend as the alias)")));
        BackendProvider provider = backends.provider(choice.backend()).orElseThrow(() -> new InvalidSettingException(
                choice.key(), UNKNOWN_BACKEND.message(choice.key() + " names an unknown backend '" + choice.backend()
                        + "'; known backends: " + String.join(", ", backends.names()))));
        MailEvents aliasEvents = new MailEvents(name, events);
        AliasContext context = new AliasContext(name, choice.backend(), config, config.settings(name),
                renderer(name), outbox(name), executor, tokenProviders).withEvents(aliasEvents);
        return new Alias(context, provider, backends.isBuiltin(choice.backend()), aliasEvents, transactions);
    }

    /** The alias's renderer, signing with its DKIM keys when it has some (checked here, at deployment). */
    private MimeRenderer renderer(String name) {
        RenderSettings settings = RenderSettings.from(config.lookupFor(name));
        return new MimeRenderer(settings, DkimSettings.signer(config, name, settings.defaultFrom()));
    }

    /** The container's asynchronous sends ({@code Mailer.async()}). */
    AsyncSends async() {
        return async;
    }

    /**
     * Finishes the pending asynchronous sends (for up to {@code mail.async.shutdown-timeout}),
     * reporting the rest, and closes every resolved alias's pooled connections; the container is
     * stopping.
     */
    void close() {
        async.stop();
        aliases.values().forEach(Alias::close);
    }

    LocmemOutbox outbox(String alias) {
        return outboxes.computeIfAbsent(alias, LocmemOutbox::new);
    }

    /**
     * The outbox of an alias whose backend keeps messages ({@code locmem}).
     *
     * @throws IllegalStateException naming the alias and its backend, when the backend keeps
     *                               none: an outbox that stays empty would hide where the mail went
     */
    LocmemOutbox keptOutbox(String name) {
        Alias alias = alias(name);
        if (!LOCMEM.equals(alias.type())) {
            throw new IllegalStateException(OUTBOX_WITHOUT_LOCMEM.message("the outbox of alias '" + name
                    + "' stays empty: its backend is '"
                    + alias.type() + "', which keeps no messages; set " + MailKey.BACKEND.key(name)
                    + "=locmem for tests, or use @MailTest"));
        }
        return alias.outbox();
    }

    /** The mailer of an alias; it resolves the alias on each use, so it may be created before validation. */
    Mailer mailer(String alias) {
        return mailers.computeIfAbsent(alias, a -> new AliasMailer(this, a));
    }

    /** The mailer of an alias that must resolve now: {@code Mailer.using}. */
    Mailer resolvedMailer(String alias) {
        alias(alias);
        return mailer(alias);
    }
}

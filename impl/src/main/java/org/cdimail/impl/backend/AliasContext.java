package org.cdimail.impl.backend;

import static org.cdimail.impl.ImplError.ABSOLUTE_SETTING_KEY;
import static org.cdimail.impl.ImplError.FOREIGN_BACKEND_CONTEXT;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.EmailMessage;
import org.cdimail.impl.backend.locmem.LocmemOutbox;
import org.cdimail.impl.config.AliasSettings;
import org.cdimail.impl.config.MailConfig;
import org.cdimail.impl.config.MailKey;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.spi.AccessTokenProvider;
import org.cdimail.spi.BackendContext;
import org.cdimail.spi.Envelope;
import org.cdimail.spi.MessageRenderer;

/**
 * cdi-mail's {@link BackendContext}: one alias's configuration, renderer and outbox, with one
 * connection's options. The built-in backends read their typed settings from it
 * ({@link #of(BackendContext)}); custom ones see only the SPI. Immutable.
 */
public final class AliasContext implements BackendContext {

    private final String alias;
    private final String backend;
    private final MailConfig config;
    private final AliasSettings settings;
    private final MimeRenderer renderer;
    private final LocmemOutbox outbox;
    private final ConnectionOptions options;
    private final Supplier<Optional<Executor>> executor;
    private final Function<String, Optional<AccessTokenProvider>> tokenProviders;
    private final SendEvents events;

    /**
     * The context of an alias, with the configured credentials and no fail-silently.
     *
     * @param alias    the alias
     * @param backend  the backend name it selects
     * @param config   the configuration
     * @param settings the alias's typed settings
     * @param renderer the alias's renderer
     * @param outbox   the alias's outbox
     * @param executor gives the container's executor, if any (looked up on first use)
     * @param tokenProviders gives an alias's {@link AccessTokenProvider} bean, if any
     */
    public AliasContext(String alias, String backend, MailConfig config, AliasSettings settings,
            MimeRenderer renderer, LocmemOutbox outbox, Supplier<Optional<Executor>> executor,
            Function<String, Optional<AccessTokenProvider>> tokenProviders) {
        this(alias, backend, config, settings, renderer, outbox, ConnectionOptions.DEFAULTS, executor, tokenProviders,
                SendEvents.NONE);
    }

    private AliasContext(String alias, String backend, MailConfig config, AliasSettings settings,
            MimeRenderer renderer, LocmemOutbox outbox, ConnectionOptions options,
            Supplier<Optional<Executor>> executor, Function<String, Optional<AccessTokenProvider>> tokenProviders,
            SendEvents events) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.config = Objects.requireNonNull(config, "config");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.options = Objects.requireNonNull(options, "options");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.tokenProviders = Objects.requireNonNull(tokenProviders, "tokenProviders");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * cdi-mail's own context behind {@code context}; built-in backends are only ever given one.
     *
     * @param context a context given by cdi-mail
     * @return the same context
     * @throws IllegalArgumentException if it is another implementation's
     */
    public static AliasContext of(BackendContext context) {
        if (context instanceof AliasContext own) {
            return own;
        }
        throw new IllegalArgumentException(
                FOREIGN_BACKEND_CONTEXT.message("a built-in backend needs cdi-mail's own BackendContext"));
    }

    /**
     * The same alias with one connection's options.
     *
     * @param connection fail-silently and credentials of the connection
     * @return the connection's context
     */
    public AliasContext withConnection(ConnectionOptions connection) {
        return new AliasContext(alias, backend, config, settings, renderer, outbox, connection, executor,
                tokenProviders, events);
    }

    /**
     * The same alias, telling deliveries to {@code events}.
     *
     * @param events where deliveries and failures are told
     * @return the new context
     */
    public AliasContext withEvents(SendEvents events) {
        return new AliasContext(alias, backend, config, settings, renderer, outbox, options, executor,
                tokenProviders, events);
    }

    /**
     * Where the outcomes of deliveries are told (the application's {@code AfterSend} and
     * {@code SendFailed} observers, metrics).
     *
     * @return the alias's events; {@link SendEvents#NONE} outside a container
     */
    public SendEvents events() {
        return events;
    }

    /**
     * The alias's access token provider: a CDI bean qualified {@code @Backend(alias)} (for
     * {@code default}, also an unqualified one).
     *
     * @return the provider, if the application has one for this alias
     */
    public Optional<AccessTokenProvider> accessTokenProvider() {
        return tokenProviders.apply(alias);
    }

    /** @return the alias's typed settings */
    public AliasSettings settings() {
        return settings;
    }

    /** @return the alias's renderer */
    public MimeRenderer mimeRenderer() {
        return renderer;
    }

    /** @return the alias's outbox (kept by {@code locmem}) */
    public LocmemOutbox outbox() {
        return outbox;
    }

    /** @return the connection's fail-silently and credentials */
    public ConnectionOptions options() {
        return options;
    }

    /** @return the configuration */
    public MailConfig config() {
        return config;
    }

    /**
     * The full key that holds (or would hold) a built-in setting of this alias.
     *
     * @param key the key
     * @return {@code mail.<alias>.<key>} when set, else {@code mail.<key>}
     */
    public String keyOf(MailKey key) {
        return config.source(alias, key);
    }

    @Override
    public String alias() {
        return alias;
    }

    @Override
    public String backend() {
        return backend;
    }

    @Override
    public <T> Optional<T> setting(String key, Class<T> type) {
        Objects.requireNonNull(type, "type");
        String own = MailKey.PREFIX + alias + "." + checked(key);
        Optional<T> value = config.typed(own, type);
        return value.isPresent() ? value : config.typed(MailKey.PREFIX + key, type);
    }

    @Override
    public String settingKey(String key) {
        String own = MailKey.PREFIX + alias + "." + checked(key);
        String shared = MailKey.PREFIX + key;
        if (config.raw(own).isEmpty() && config.raw(shared).isPresent()) {
            return shared;
        }
        return own;
    }

    private static String checked(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.startsWith(".") || key.startsWith(MailKey.PREFIX)) {
            throw new IllegalArgumentException(
                    ABSOLUTE_SETTING_KEY.message("a backend setting key is relative, as \"api-url\""));
        }
        return key;
    }

    @Override
    public MessageRenderer renderer() {
        return new MessageRenderer() {
            @Override
            public MimeMessage render(EmailMessage message) {
                return renderer.render(message, null);
            }

            @Override
            public void writeTo(EmailMessage message, OutputStream out) throws IOException {
                renderer.writeTo(message, out);
            }
        };
    }

    @Override
    public Envelope envelope(EmailMessage message) {
        org.cdimail.impl.mime.Envelope envelope = renderer.envelope(message);
        return new Envelope(envelope.sender().getAddress(),
                envelope.recipients().stream().map(InternetAddress::getAddress).toList());
    }

    @Override
    public boolean failSilently() {
        return options.failSilently();
    }

    @Override
    public Optional<String> username() {
        return options.username().or(settings::username);
    }

    @Override
    public Optional<String> password() {
        return options.password().or(settings::password);
    }

    @Override
    public Optional<Executor> executor() {
        return executor.get();
    }

    /** Never shows credentials. */
    @Override
    public String toString() {
        return "AliasContext[" + alias + ", backend=" + backend + ", " + options + "]";
    }
}

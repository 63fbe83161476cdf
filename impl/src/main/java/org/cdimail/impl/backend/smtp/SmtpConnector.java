package org.cdimail.impl.backend.smtp;

import static org.cdimail.impl.ImplError.CERTFILE_IGNORED;
import static org.cdimail.impl.ImplError.CREDENTIALS_REFUSED;
import static org.cdimail.impl.ImplError.CREDENTIALS_WITHOUT_TLS;
import static org.cdimail.impl.ImplError.PASS_THROUGH_WITH_OWN_CLIENT;
import static org.cdimail.impl.ImplError.PLAINTEXT_AUTH_REFUSED;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

import javax.net.ssl.SSLSocketFactory;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;

import org.cdimail.MailException;
import org.cdimail.impl.backend.AliasContext;
import org.cdimail.impl.backend.ConnectionOptions;
import org.cdimail.impl.config.AliasSettings;
import org.cdimail.impl.config.InvalidSettingException;
import org.cdimail.impl.config.MailKey;
import org.cdimail.spi.AccessTokenProvider;

/**
 * Everything an SMTP alias's connections share: the Jakarta Mail session properties and the TLS
 * socket factory, built and checked once per alias. Opens transports with safe defaults: finite
 * timeouts, STARTTLS required when {@code use-tls}, certificate chain and host name verified,
 * AUTH only when a user name is set and never over an unencrypted connection unless
 * {@code allow-plaintext-auth}. Holds the alias's connection pool when {@code pool.max-connections}
 * is set; {@link #close()} closes it. Thread-safe.
 */
public final class SmtpConnector {

    private static final System.Logger LOG = System.getLogger(SmtpConnector.class.getName());

    private final AliasSettings settings;
    private final Function<MailKey, String> keyName;
    private final SSLSocketFactory tls;
    private final ContainerMailSession container;
    private final SmtpPool pool;
    private final AuthChoice auth;
    private volatile StreamProviderCache providerCache;

    /**
     * The connector of an alias whose backend is {@code smtp}, configured from its settings as
     * its connections are.
     *
     * @param alias the alias's context
     * @return a new connector; {@link #close()} it when done
     * @throws InvalidSettingException naming the key, if the settings cannot be used
     */
    public static SmtpConnector of(AliasContext alias) {
        return new SmtpConnector(alias.settings(), alias::keyOf,
                alias.config().lookup(alias.alias(), MailKey.SESSION_JNDI),
                alias.config().lookup(alias.alias(), MailKey.AUTH_MECHANISM), alias.accessTokenProvider());
    }

    /**
     * Checks the settings and prepares TLS.
     *
     * @param settings the alias's settings
     * @param keyName  gives the key that holds a setting of this alias, for messages
     * @throws InvalidSettingException naming the key, if the settings cannot be used
     */
    public SmtpConnector(AliasSettings settings, Function<MailKey, String> keyName) {
        this(settings, keyName, Optional.empty());
    }

    /**
     * Checks the settings and prepares TLS, or looks up the server's mail session when
     * {@code sessionJndi} is set.
     *
     * @param settings    the alias's settings
     * @param keyName     gives the key that holds a setting of this alias, for messages
     * @param sessionJndi the alias's {@code session-jndi}, if set
     * @throws InvalidSettingException naming the key, if the settings cannot be used
     */
    public SmtpConnector(AliasSettings settings, Function<MailKey, String> keyName, Optional<String> sessionJndi) {
        this(settings, keyName, sessionJndi, Optional.empty(), Optional.empty());
    }

    /**
     * Checks the settings and prepares TLS and the login, or looks up the server's mail session
     * when {@code sessionJndi} is set.
     *
     * @param settings      the alias's settings
     * @param keyName       gives the key that holds a setting of this alias, for messages
     * @param sessionJndi   the alias's {@code session-jndi}, if set
     * @param authMechanism the alias's {@code auth-mechanism}, if set
     * @param tokenProvider the alias's access token provider bean, if any
     * @throws InvalidSettingException naming the key, if the settings cannot be used
     */
    public SmtpConnector(AliasSettings settings, Function<MailKey, String> keyName, Optional<String> sessionJndi,
            Optional<String> authMechanism, Optional<AccessTokenProvider> tokenProvider) {
        this.settings = settings;
        this.keyName = keyName;
        this.container = ContainerMailSession.lookup(sessionJndi, keyName.apply(MailKey.SESSION_JNDI)).orElse(null);
        this.pool = settings.pool().enabled() ? new SmtpPool(this, settings.pool()) : null;
        this.auth = AuthChoice.of(settings.alias(), keyName, authMechanism, tokenProvider, ownClient());
        if (container != null) {
            this.tls = null; // the server's session has its own
            return;
        }
        if (settings.transport().equals("cdi-mail") && !settings.smtpProperties().isEmpty()) {
            String key = keyName.apply(MailKey.TRANSPORT);
            throw new InvalidSettingException(key,
                    PASS_THROUGH_WITH_OWN_CLIENT.message("Jakarta Mail pass-through properties"
                    + " (jakarta-mail.smtp.*) are set for alias '" + settings.alias() + "' but " + key + " is cdi-mail,"
                    + " whose own client does not read them; set " + key + "=jakarta-mail, or remove them"));
        }
        boolean encrypted = settings.useTls() || settings.useSsl();
        if (settings.username().isPresent() && !encrypted && !settings.allowPlaintextAuth()) {
            String key = keyName.apply(MailKey.USERNAME);
            throw new InvalidSettingException(key, CREDENTIALS_WITHOUT_TLS.message(key + " is set but neither "
                    + keyName.apply(MailKey.USE_TLS) + " nor " + keyName.apply(MailKey.USE_SSL)
                    + " is true: credentials would cross the network unencrypted; enable TLS, or set "
                    + keyName.apply(MailKey.ALLOW_PLAINTEXT_AUTH) + "=true if that is intended"));
        }
        if (!encrypted && settings.sslCertfile().isPresent()) {
            LOG.log(Level.WARNING, CERTFILE_IGNORED.message("{0} is ignored: neither {1} nor {2} is true"),
                    keyName.apply(MailKey.SSL_CERTFILE), keyName.apply(MailKey.USE_TLS), keyName.apply(MailKey.USE_SSL));
        }
        this.tls = encrypted ? PemTls.socketFactory(settings, keyName) : null;
    }

    /**
     * Whether this alias's connections speak SMTP through {@link SmtpWire} (the default,
     * {@code transport=cdi-mail}) rather than through Jakarta Mail's transport, which is used for a
     * container's mail session ({@code session-jndi}) and when {@code transport=jakarta-mail}.
     */
    boolean ownClient() {
        return container == null && !settings.transport().equals("jakarta-mail");
    }

    /**
     * Opens a connection through the alias's transport, authenticating when a user name is
     * configured or given in {@code options}.
     *
     * @throws MailException if the connection or authentication fails, or if credentials would
     *                       cross an unencrypted connection
     */
    SmtpTransport open(ConnectionOptions options) {
        if (ownClient()) {
            return connectWire(options);
        }
        Session session = newSession();
        return new JakartaMailTransport(session, connect(session, options));
    }

    private SmtpWire connectWire(ConnectionOptions options) {
        String user = user(options);
        try {
            return SmtpWire.connect(endpoint(), auth.login(user, user == null ? null : password(options),
                    options.username().isPresent() || options.password().isPresent()));
        } catch (AuthenticationFailedException e) {
            throw authenticationFailed();
        } catch (MessagingException e) {
            throw SmtpFailures.connectFailed(settings.alias(), e);
        }
    }

    private SmtpWire.Endpoint endpoint() {
        return new SmtpWire.Endpoint(settings.host(), settings.port(), settings.timeout().toMillis(), tls,
                tls != null && settings.useSsl(), tls != null && settings.useTls(), keyName.apply(MailKey.TIMEOUT));
    }

    /**
     * Checks that the alias's SMTP server answers, for readiness checks: connects as the alias's
     * connections do (the implicit TLS handshake when {@code use-ssl}, certificate and host name
     * verified), reads the greeting, says {@code EHLO}, starts TLS when {@code use-tls}, and says
     * {@code QUIT}; it never logs in and sends no mail. Through a container's mail session
     * ({@code session-jndi}) the session's transport connects (logging in if the session is
     * configured so) and closes. Each step is bounded by the alias's {@code timeout}.
     *
     * @throws MailException naming the alias and why, never an address or the server's text
     */
    public void probe() {
        if (container != null) {
            open(ConnectionOptions.DEFAULTS).close();
            return;
        }
        try {
            SmtpWire.connect(endpoint(), SmtpLogin.NONE).close();
        } catch (MessagingException e) {
            throw SmtpFailures.connectFailed(settings.alias(), e);
        }
    }

    private String user(ConnectionOptions options) {
        String user = options.username().or(settings::username).orElse(null);
        if (user != null && tls == null && !settings.allowPlaintextAuth()) {
            throw new MailException(
                    PLAINTEXT_AUTH_REFUSED.message("refusing to send SMTP credentials over an unencrypted connection"
                    + " for alias '" + settings.alias() + "'; set " + keyName.apply(MailKey.USE_TLS) + " or "
                    + keyName.apply(MailKey.USE_SSL) + " (or " + keyName.apply(MailKey.ALLOW_PLAINTEXT_AUTH)
                    + "=true)"));
        }
        return user;
    }

    private String password(ConnectionOptions options) {
        return options.username().isPresent() || options.password().isPresent()
                ? options.password().orElse("") : settings.password().orElse("");
    }

    private MailException authenticationFailed() {
        // The server's reply may echo the user name: not chained.
        return new MailException(CREDENTIALS_REFUSED.message("the SMTP server of alias '" + settings.alias()
                + "' refused the credentials"));
    }

    /** The context class loader to write messages with: see {@link StreamProviderCache}. */
    ClassLoader writingLoader(ClassLoader usual) {
        StreamProviderCache cache = StreamProviderCache.around(usual, providerCache);
        if (cache == null) {
            return usual;
        }
        providerCache = cache;
        return cache;
    }

    /** The alias's pool, or {@code null} when connections are not pooled. */
    SmtpPool pool() {
        return pool;
    }

    /** Closes the pooled connections, if any: the application is stopping. Idempotent. */
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    /** The alias's settings. */
    AliasSettings settings() {
        return settings;
    }

    /**
     * A new session for one connection (each connection has its own, since the envelope sender
     * is set in the session's properties before each message).
     */
    private Session newSession() {
        if (container != null) {
            return container.newSession(settings.timeout());
        }
        Properties properties = new Properties();
        // Pass-through first (MailConfig refuses any that would weaken these): the safe defaults always win.
        properties.putAll(settings.smtpProperties());
        String timeout = Long.toString(settings.timeout().toMillis());
        properties.setProperty("mail.smtp.host", settings.host());
        properties.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        properties.setProperty("mail.smtp.connectiontimeout", timeout);
        properties.setProperty("mail.smtp.timeout", timeout);
        properties.setProperty("mail.smtp.writetimeout", timeout);
        // Angus Mail's default write-timeout executor costs a thread per connection and two wake-ups per write.
        properties.put("mail.smtp.executor.writetimeout", WriteTimeouts.INSTANCE);
        properties.setProperty("mail.smtp.sendpartial", "true");
        properties.setProperty("mail.smtp.quitwait", "false");
        if (tls != null) {
            properties.put("mail.smtp.ssl.socketFactory", tls);
            properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            properties.setProperty("mail.smtp.ssl.enable", Boolean.toString(settings.useSsl()));
            properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(settings.useTls()));
            properties.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.useTls()));
        } else {
            properties.setProperty("mail.smtp.ssl.enable", "false");
            properties.setProperty("mail.smtp.starttls.enable", "false");
        }
        return Session.getInstance(properties);
    }

    /**
     * Connects a transport of {@code session}, authenticating when a user name is configured or
     * given in {@code options}.
     *
     * @throws MailException if the connection or authentication fails, or if credentials would
     *                       cross an unencrypted connection
     */
    private Transport connect(Session session, ConnectionOptions options) {
        if (container != null) {
            return container.connect(session, options, settings.alias());
        }
        String user = user(options);
        String password = password(options);
        session.getProperties().setProperty("mail.smtp.auth", Boolean.toString(user != null));
        Transport transport = null;
        try {
            transport = session.getTransport("smtp");
            transport.connect(settings.host(), settings.port(), user, user == null ? null : password);
            return transport;
        } catch (AuthenticationFailedException e) {
            closeQuietly(transport);
            throw authenticationFailed();
        } catch (MessagingException e) {
            closeQuietly(transport);
            throw SmtpFailures.connectFailed(settings.alias(), e);
        }
    }

    static void closeQuietly(Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            // Closing a broken connection must not throw.
        }
    }

    @Override
    public String toString() {
        return "SmtpConnector[" + (container != null ? container : settings) + "]";
    }
}

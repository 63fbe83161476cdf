package org.cdimail.impl.config;

import java.util.Optional;

/**
 * Every configuration key of cdi-mail, with its type and default. The README's configuration
 * table lists exactly these keys; {@code ReadmeConfigTableTest} keeps the two equal.
 *
 * <p>Each key is read per alias: {@code mail.<alias>.<name>} first, then {@code mail.<name>}.
 * The {@code default} alias therefore reads {@code mail.default.<name>}, then {@code mail.<name>}.
 * Values are read through MicroProfile Config, so environment variables ({@code MAIL_HOST}) and
 * profiles ({@code %test.mail.backend}) work as MicroProfile Config defines them.
 */
public enum MailKey {

    /**
     * {@code mail.backend} (String, default {@code smtp}): the backend of the alias, a built-in
     * name ({@code smtp}, {@code console}, {@code file}, {@code locmem}, {@code dummy}) or the
     * name of a custom {@code @Backend("name")} bean. Django's {@code EMAIL_BACKEND}. An alias
     * other than {@code default} without this key is resolved by its own name.
     */
    BACKEND("backend", "String", "smtp"),
    /** {@code mail.host} (String, default {@code localhost}): the SMTP server. {@code EMAIL_HOST}. */
    HOST("host", "String", "localhost"),
    /** {@code mail.port} (int, default {@code 25}): the SMTP port. {@code EMAIL_PORT}. */
    PORT("port", "int", "25"),
    /**
     * {@code mail.username} (String, no default): the SMTP AUTH user; AUTH is used only when set.
     * {@code EMAIL_HOST_USER}.
     */
    USERNAME("username", "String", null),
    /**
     * {@code mail.password} (String, no default): the SMTP AUTH password. Never logged or shown.
     * {@code EMAIL_HOST_PASSWORD}.
     */
    PASSWORD("password", "String", null),
    /**
     * {@code mail.use-tls} (boolean, default {@code false}): require STARTTLS before anything else
     * is sent. Exclusive with {@link #USE_SSL}. {@code EMAIL_USE_TLS}.
     */
    USE_TLS("use-tls", "boolean", "false"),
    /**
     * {@code mail.use-ssl} (boolean, default {@code false}): implicit TLS from the first byte
     * (usually port 465). Exclusive with {@link #USE_TLS}. {@code EMAIL_USE_SSL}.
     */
    USE_SSL("use-ssl", "boolean", "false"),
    /**
     * {@code mail.ssl-certfile} (Path, no default): a PEM client certificate (chain), which may also
     * hold the private key. {@code EMAIL_SSL_CERTFILE}.
     */
    SSL_CERTFILE("ssl-certfile", "Path", null),
    /**
     * {@code mail.ssl-keyfile} (Path, no default): the PEM (PKCS#8) private key of
     * {@link #SSL_CERTFILE}. {@code EMAIL_SSL_KEYFILE}.
     */
    SSL_KEYFILE("ssl-keyfile", "Path", null),
    /**
     * {@code mail.ssl-trust-certfile} (Path, no default): PEM certificates (a private CA or the
     * server's own certificate) to trust <em>instead of</em> the JVM's trust store. Host names are
     * still verified. Logged at WARNING when used. Not in Django.
     */
    SSL_TRUST_CERTFILE("ssl-trust-certfile", "Path", null),
    /**
     * {@code mail.allow-plaintext-auth} (boolean, default {@code false}): allow SMTP AUTH over a
     * connection that is not encrypted. Without it, credentials and neither {@code use-tls} nor
     * {@code use-ssl} fail the deployment. Not in Django.
     */
    ALLOW_PLAINTEXT_AUTH("allow-plaintext-auth", "boolean", "false"),
    /**
     * {@code mail.session-jndi} (String, no default): the JNDI name of a Jakarta Mail
     * {@code Session} the application server provides (WildFly's mail subsystem, a Payara
     * JavaMail resource, {@code @MailSessionDefinition}); the {@code smtp} backend then sends
     * through it, with its host, port, TLS and credentials, and ignores this alias's own SMTP keys
     * except {@code timeout}, which fills in any timeout the server left unset.
     * Not found at deployment: the deployment fails. Not in Django.
     */
    SESSION_JNDI("session-jndi", "String", null),
    /**
     * {@code mail.timeout} (Duration, default {@code PT30S}): the connect, read and write timeout
     * of SMTP. ISO-8601 ({@code PT10S}) or a number of seconds ({@code 10}, {@code 2.5}); must be
     * positive. {@code EMAIL_TIMEOUT}, which has no limit by default in Django.
     */
    TIMEOUT("timeout", "Duration", "PT30S"),
    /**
     * {@code mail.transport} ({@code cdi-mail} or {@code jakarta-mail}, default {@code cdi-mail}):
     * who speaks SMTP for the {@code smtp} backend: cdi-mail's own client (pipelined, bounded in
     * time and memory), or Jakarta Mail's transport, which alone reads the
     * {@code mail.<alias>.jakarta-mail.smtp.*} pass-through properties. An alias with
     * {@code session-jndi} always uses Jakarta Mail. Not in Django.
     */
    TRANSPORT("transport", "cdi-mail or jakarta-mail", "cdi-mail"),
    /**
     * {@code mail.auth-mechanism} ({@code auto}, {@code plain}, {@code login}, {@code xoauth2} or
     * {@code oauthbearer}; default {@code auto}): how the {@code smtp} backend's own client logs in
     * when {@code username} is set. {@code auto}: with an {@code AccessTokenProvider} bean for the
     * alias, {@code OAUTHBEARER} or else {@code XOAUTH2} as the server offers; without one,
     * {@code PLAIN} or else {@code LOGIN}. A named mechanism is used alone (the server must offer
     * it); {@code xoauth2} and {@code oauthbearer} need the bean. Not in Django.
     */
    AUTH_MECHANISM("auth-mechanism", "auto, plain, login, xoauth2 or oauthbearer", "auto"),
    /**
     * {@code mail.pool.max-connections} (int, default {@code 0}): the SMTP connections of the alias
     * kept open between calls and shared by them, at most this many at once. {@code 0} means no
     * pool, as Django: every call opens its own connection and closes it. With a pool,
     * {@code sendMassMail} spreads its messages over up to this many connections in parallel, and
     * concurrent callers take turns on them. A connection obtained with {@code connection()} and
     * {@code open()}, or with its own credentials, is never pooled. Not in Django.
     */
    POOL_MAX_CONNECTIONS("pool.max-connections", "int", "0"),
    /**
     * {@code mail.pool.idle-timeout} (Duration, default {@code PT30S}): a pooled connection unused
     * for this long is closed (with {@code QUIT}). Keep it below the server's own idle timeout;
     * a connection the server closed first is replaced anyway. Same format as {@link #TIMEOUT}.
     * Not in Django.
     */
    POOL_IDLE_TIMEOUT("pool.idle-timeout", "Duration", "PT30S"),
    /**
     * {@code mail.pool.max-messages-per-connection} (int, default {@code 0}): after this many
     * messages (mail transactions, accepted or refused) an SMTP connection is closed and a new one opened, for providers that limit
     * messages per connection; applies to every SMTP connection of the alias, pooled or not.
     * {@code 0} means no limit. Not in Django.
     */
    POOL_MAX_MESSAGES_PER_CONNECTION("pool.max-messages-per-connection", "int", "0"),
    /**
     * {@code mail.queue.enabled} (boolean, default {@code false}): every send of the alias (the
     * {@code Mailer}'s and injected connections') renders the message, stores its bytes and
     * envelope durably in the queue and returns; workers deliver it through the alias's backend
     * ({@code smtp}), retrying deferred recipients and dead-lettering the rest. Needs the
     * {@code org.cdimail:cdi-mail-queue} artifact (and Artemis); without it the deployment fails.
     * See {@code docs/queue.md}. Celery's job in Django.
     */
    QUEUE_ENABLED("queue.enabled", "boolean", "false"),
    /**
     * {@code mail.queue.directory} (Path, default {@code cdi-mail-queue} in the working
     * directory): where the embedded ActiveMQ Artemis broker keeps its persistent journal, large
     * messages and paging files. Ignored when {@link #QUEUE_URL} is set. Not in Django.
     */
    QUEUE_DIRECTORY("queue.directory", "Path", "cdi-mail-queue"),
    /**
     * {@code mail.queue.url} (String, no default): an Artemis broker to use instead of the
     * embedded one, {@code tcp://host:61616}; several JVMs using it consume one queue per alias
     * as competing consumers. Not in Django.
     */
    QUEUE_URL("queue.url", "String", null),
    /**
     * {@code mail.queue.connection-factory} (String, no default): the JNDI name of the
     * application server's Jakarta Messaging connection factory to use instead of an Artemis
     * broker of cdi-mail's own, e.g. {@code java:/JmsXA} in WildFly (pooled and XA: an enqueue
     * inside a JTA transaction joins it, so the mail is queued if and only if the transaction
     * commits). The queues {@code cdimail.<alias>} and {@code cdimail.<alias>.dead} are used by
     * name: declared by the operator or the deployment. Takes precedence over
     * {@link #QUEUE_URL} and {@link #QUEUE_DIRECTORY}. Not in Django.
     */
    QUEUE_CONNECTION_FACTORY("queue.connection-factory", "String", null),
    /**
     * {@code mail.queue.consumers} (int, default {@code 1}): the consumers (threads, each with its
     * own SMTP connection) a worker runs for the alias. Not in Django.
     */
    QUEUE_CONSUMERS("queue.consumers", "int", "1"),
    /**
     * {@code mail.queue.in-app-consumers} (int, default {@code 0}): consumers the application
     * runs itself, started with the alias and stopped with the container: on the container's
     * {@code ManagedThreadFactory} in an application server, on threads of the queue otherwise.
     * {@code 0}: the application only enqueues and workers run elsewhere ({@code cdi-mail worker}).
     * Not in Django.
     */
    QUEUE_IN_APP_CONSUMERS("queue.in-app-consumers", "int", "0"),
    /**
     * {@code mail.queue.retry.initial-delay} (Duration, default {@code PT1M}): how long a deferred
     * recipient waits before its first retry; each retry waits twice as long as the one before,
     * up to {@link #QUEUE_RETRY_MAX_DELAY}, with up to 20% random jitter. Not in Django.
     */
    QUEUE_RETRY_INITIAL_DELAY("queue.retry.initial-delay", "Duration", "PT1M"),
    /**
     * {@code mail.queue.retry.max-delay} (Duration, default {@code PT1H}): the longest wait
     * between two retries. Not in Django.
     */
    QUEUE_RETRY_MAX_DELAY("queue.retry.max-delay", "Duration", "PT1H"),
    /**
     * {@code mail.queue.max-age} (Duration, default {@code P5D}): a message still deferred this
     * long after it was enqueued goes to the dead-letter queue (Postfix's
     * {@code maximal_queue_lifetime}). Not in Django.
     */
    QUEUE_MAX_AGE("queue.max-age", "Duration", "P5D"),
    /**
     * {@code mail.queue.rate} (double, default {@code 0}): at most this many messages per second
     * delivered by each worker of the alias; {@code 0} means no limit. Not in Django.
     */
    QUEUE_RATE("queue.rate", "double", "0"),
    /**
     * {@code mail.redirect-to} (List of addresses, no default): every message of the alias goes to
     * these addresses only, for staging and test environments: its {@code To} becomes this list,
     * its {@code Cc} and {@code Bcc} are emptied, and the original recipients are kept in the
     * headers {@code X-Original-To}, {@code X-Original-Cc} and {@code X-Original-Bcc} (each only
     * when not empty). Comma-separated RFC 5322 addresses, as {@link #ADMINS}; applied after the
     * {@code BeforeSend} observers and before {@link #ALLOWED_RECIPIENTS}. A malformed list fails
     * the deployment. Not in Django.
     */
    REDIRECT_TO("redirect-to", "List<String>", null),
    /**
     * {@code mail.allowed-recipients} (List of patterns, no default): the only recipients the
     * alias sends to; the others are dropped before delivery and reported in the receipt as
     * refused by policy ({@code Refusal.byPolicy}, reason {@code "not in allowed-recipients"}), or
     * fail the send (see {@link #DISALLOWED_RECIPIENTS}). Comma-separated patterns, matched
     * case-insensitively against the whole address ({@code ada@example.com}, without display
     * name): a glob with {@code *} (any characters) and {@code ?} (one character), such as
     * {@code *@example.com} or {@code qa+*@example.org}, or {@code regex:} and a Java regular
     * expression (a comma inside its brackets, braces or parentheses does not split). An invalid
     * pattern fails the deployment. Unset: every recipient is allowed. Not in Django.
     */
    ALLOWED_RECIPIENTS("allowed-recipients", "List<String>", null),
    /**
     * {@code mail.disallowed-recipients} ({@code refuse} or {@code fail}, default {@code refuse}):
     * what a recipient outside {@link #ALLOWED_RECIPIENTS} does: {@code refuse} drops it and
     * reports it in the receipt (a message with no recipient left is not sent); {@code fail} makes
     * the send throw a {@code MailException} naming the key before anything of the batch is sent
     * (with fail-silently, that message is not sent and the rest of the batch is). Not in Django.
     */
    DISALLOWED_RECIPIENTS("disallowed-recipients", "refuse or fail", "refuse"),
    /**
     * {@code mail.transactional} ({@code after-commit} or {@code immediate}, default
     * {@code after-commit}): with a JTA transaction active, a send of the alias (through the
     * {@code Mailer}, its {@code async()} view or a connection) is held and performed after the
     * transaction commits, or discarded when it rolls back; {@code immediate} sends at once, as
     * without a transaction. Without JTA (Weld SE) it changes nothing. A queued alias whose enqueue
     * joins the transaction itself is not held. See {@code docs/async-and-transactions.md}.
     * Laravel's {@code afterCommit}; not in Django.
     */
    TRANSACTIONAL("transactional", "after-commit or immediate", "after-commit"),
    /**
     * {@code mail.async.threads} (int, default {@code 4}): the threads of cdi-mail's own executor
     * for {@code Mailer.async()}, used when the container has no {@code ManagedExecutorService}
     * ({@code java:comp/DefaultManagedExecutorService}). Threads are started on demand, named
     * {@code cdi-mail-async-<n>}, and end when idle and when the container stops. One value for
     * the container: {@code mail.<alias>.async.*} is not read. Not in Django.
     */
    ASYNC_THREADS("async.threads", "int", "4"),
    /**
     * {@code mail.async.max-pending} (int, default {@code 10000}): at most this many asynchronous
     * sends accepted and not yet finished (queued, running, or waiting for their transaction), on
     * either executor; a send beyond it fails its stage at once. One value for the container.
     * Not in Django.
     */
    ASYNC_MAX_PENDING("async.max-pending", "int", "10000"),
    /**
     * {@code mail.async.shutdown-timeout} (Duration, default {@code PT30S}): when the container
     * stops, how long it waits for pending asynchronous sends to finish; those still pending then
     * are completed exceptionally and logged as not sent. Same format as {@link #TIMEOUT}. One
     * value for the container. Not in Django.
     */
    ASYNC_SHUTDOWN_TIMEOUT("async.shutdown-timeout", "Duration", "PT30S"),
    /**
     * {@code mail.health.enabled} (boolean, default {@code true}): whether the
     * {@code org.cdimail:cdi-mail-health} artifact, when present, reports a MicroProfile Health
     * readiness check for the alias; {@code false} leaves the alias out (an alias the application
     * never sends through, such as an unused {@code default}). Not in Django.
     */
    HEALTH_ENABLED("health.enabled", "boolean", "true"),
    /**
     * {@code mail.health.interval} (Duration, default {@code PT30S}): how long the readiness check
     * of the alias keeps its last finding: at most one SMTP connection (and one look at the queue)
     * per interval, made in the background, whatever the probe rate. Same format as
     * {@link #TIMEOUT}. Not in Django.
     */
    HEALTH_INTERVAL("health.interval", "Duration", "PT30S"),
    /**
     * {@code mail.health.queue.max-pending} (long, no default): a queued alias is not ready while
     * more messages than this wait in its queue (ready, scheduled for a retry or being delivered);
     * unset: not checked. Not in Django.
     */
    HEALTH_QUEUE_MAX_PENDING("health.queue.max-pending", "long", null),
    /**
     * {@code mail.health.queue.max-dead} (long, no default): a queued alias is not ready while its
     * dead-letter queue holds more messages than this; unset: not checked. Not in Django.
     */
    HEALTH_QUEUE_MAX_DEAD("health.queue.max-dead", "long", null),
    /**
     * {@code mail.file-path} (Path, no default, required by {@code file}): the directory the
     * {@code file} backend writes to; created if missing. {@code EMAIL_FILE_PATH}.
     */
    FILE_PATH("file-path", "Path", null),
    /**
     * {@code mail.console-stream} ({@code stdout} or {@code stderr}, default {@code stdout}): where
     * the {@code console} backend writes. Not in Django.
     */
    CONSOLE_STREAM("console-stream", "stdout or stderr", "stdout"),
    /**
     * {@code mail.default-from} (String, default {@code webmaster@localhost}): the sender of
     * messages without one. {@code DEFAULT_FROM_EMAIL}.
     */
    DEFAULT_FROM("default-from", "String", "webmaster@localhost"),
    /**
     * {@code mail.server-email} (String, default {@code root@localhost}): the sender of
     * {@code mailAdmins} and {@code mailManagers}. {@code SERVER_EMAIL}.
     */
    SERVER_EMAIL("server-email", "String", "root@localhost"),
    /**
     * {@code mail.subject-prefix} (String, default {@code "[cdi-mail] "}): prefixed to the subject
     * of {@code mailAdmins} and {@code mailManagers}; set it empty for none.
     * {@code EMAIL_SUBJECT_PREFIX}.
     */
    SUBJECT_PREFIX("subject-prefix", "String", "[cdi-mail] "),
    /**
     * {@code mail.admins} (List of addresses, default empty): comma-separated RFC 5322 addresses,
     * for example {@code "Ada <ada@example.com>, bob@example.com"}. {@code ADMINS}.
     */
    ADMINS("admins", "List<String>", ""),
    /** {@code mail.managers} (List of addresses, default empty): as {@link #ADMINS}. {@code MANAGERS}. */
    MANAGERS("managers", "List<String>", ""),
    /** {@code mail.default-charset} (Charset, default {@code utf-8}): {@code DEFAULT_CHARSET}. */
    DEFAULT_CHARSET("default-charset", "Charset", "utf-8"),
    /**
     * {@code mail.use-localtime} (boolean, default {@code false}): the {@code Date} header in the
     * JVM's time zone instead of UTC. {@code EMAIL_USE_LOCALTIME}.
     */
    USE_LOCALTIME("use-localtime", "boolean", "false"),
    /**
     * {@code mail.dkim.domain} (String, no default): the signing domain ({@code d=}) of the
     * alias's DKIM signatures (RFC 6376). DKIM is on for an alias when any {@code dkim.*} key
     * other than {@code dkim.require-aligned} and {@code dkim.canonicalization} is set; then this
     * key, {@link #DKIM_SELECTOR} and {@link #DKIM_PRIVATE_KEY} are all required. Not in Django.
     */
    DKIM_DOMAIN("dkim.domain", "String", null),
    /**
     * {@code mail.dkim.selector} (List&lt;String&gt;, no default): the selectors ({@code s=}),
     * comma-separated, one per key of {@link #DKIM_PRIVATE_KEY}, in the same order: one signature
     * per pair, so {@code rsa2026,ed2026} with two keys signs twice. Not in Django.
     */
    DKIM_SELECTOR("dkim.selector", "List<String>", null),
    /**
     * {@code mail.dkim.private-key} (List&lt;Path&gt;, no default): PEM files (PKCS#8,
     * {@code BEGIN PRIVATE KEY}, unencrypted), comma-separated, one per selector. The algorithm
     * follows the key: RSA (2048 bits or more) signs {@code rsa-sha256}, Ed25519 signs
     * {@code ed25519-sha256} (RFC 8463). Read at deployment. Not in Django.
     */
    DKIM_PRIVATE_KEY("dkim.private-key", "List<Path>", null),
    /**
     * {@code mail.dkim.require-aligned} (boolean, default {@code false}): the {@code From} domain
     * must be the signing domain or a subdomain of it (DMARC relaxed alignment): checked against
     * {@link #DEFAULT_FROM} at deployment and against each message's {@code From} when it is
     * rendered. Not in Django.
     */
    DKIM_REQUIRE_ALIGNED("dkim.require-aligned", "boolean", "false"),
    /**
     * {@code mail.dkim.canonicalization} (String, default {@code relaxed/relaxed}): the
     * {@code c=} header/body canonicalization, each {@code simple} or {@code relaxed}. Not in Django.
     */
    DKIM_CANONICALIZATION("dkim.canonicalization", "String", "relaxed/relaxed");

    /** The prefix of every key. */
    public static final String PREFIX = "mail.";

    /**
     * The prefix, after {@code mail.<alias>.} or {@code mail.}, of the Jakarta Mail session
     * properties passed through to the {@code smtp} backend's Jakarta Mail transport:
     * {@code mail.<alias>.jakarta-mail.smtp.localhost} (falling back to
     * {@code mail.jakarta-mail.smtp.localhost}) becomes the session property
     * {@code mail.smtp.localhost}. A namespace of its own, so that {@code mail.<alias>.<key>}
     * always means the alias's key, whatever the alias is called.
     */
    public static final String SMTP_PASSTHROUGH = "jakarta-mail.";

    /** The old pass-through prefix ({@code mail.smtp.*}, {@code mail.<alias>.smtp.*}), now a deployment error. */
    public static final String OLD_SMTP_PASSTHROUGH = "smtp.";

    private final String name;
    private final String type;
    private final String defaultValue;

    MailKey(String name, String type, String defaultValue) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
    }

    /**
     * The key without prefix or alias, such as {@code host}.
     *
     * @return the short name
     */
    public String shortName() {
        return name;
    }

    /**
     * The global key, such as {@code mail.host}.
     *
     * @return the key
     */
    public String key() {
        return PREFIX + name;
    }

    /**
     * Whether the key has a per-alias form {@code mail.<alias>.<key>}; the {@code async.*} keys
     * configure one executor for the whole container and are read only as {@code mail.<key>}.
     *
     * @return {@code false} for a key read once per container
     */
    public boolean perAlias() {
        return !name.startsWith("async.");
    }

    /**
     * The key of one alias, such as {@code mail.transactional.host}.
     *
     * @param alias the alias
     * @return the key
     */
    public String key(String alias) {
        return PREFIX + alias + "." + name;
    }

    /**
     * The value's type as documented.
     *
     * @return the type
     */
    public String type() {
        return type;
    }

    /**
     * The default value, as text.
     *
     * @return the default, empty when the key has none
     */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }
}

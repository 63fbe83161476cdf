package org.cdimail.tck.spi;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Instance;

/**
 * Reads what a backend delivered: the TCK's view of a mailbox. The TCK's contract tests send
 * through an alias configured by {@link #configuration(String)}, then compare what they sent
 * with what {@link #delivered(Instance)} returns.
 *
 * <p>The TCK provides inspectors for the five built-in backends. A backend writer provides one
 * for their backend (see the {@linkplain org.cdimail.tck.spi package documentation} for how it
 * is found); the {@code provided} group then runs the shared backend contract against it.
 *
 * <h2 id="lifecycle">Lifecycle</h2>
 * The TCK creates one instance per test class, through the public no-argument constructor.
 * It calls {@link #configuration(String)} once, while building the deployment (before the CDI
 * container starts); then, inside the running deployment, {@link #clear(Instance)} before each
 * test and {@link #delivered(Instance)} as often as a test needs; and {@link #close()} after the
 * test class. Calls come from one thread at a time.
 */
public interface MailboxInspector extends AutoCloseable {

    /**
     * The backend name, as given to {@code mail.<alias>.backend}: {@code "smtp"}, or the value
     * of your backend bean's {@link org.cdimail.inject.Backend @Backend}.
     *
     * @return the backend name
     */
    String backend();

    /**
     * The MicroProfile Config properties that make {@code alias} use this backend and deliver
     * where this inspector can read. The default implementation returns
     * {@code mail.<alias>.backend} (or {@code mail.backend} for the {@code default} alias) set to
     * {@link #backend()}; override it to add settings such as a directory, and call
     * {@link #key(String, String)} to name per-alias keys.
     *
     * @param alias the alias under test, {@code "default"} for unqualified injection points
     * @return the properties to add to the deployment's {@code microprofile-config.properties}
     */
    default Map<String, String> configuration(String alias) {
        return Map.of(key(alias, "backend"), backend());
    }

    /**
     * Everything the alias delivered since the last {@link #clear(Instance)}, oldest first.
     *
     * @param beans the beans of the running deployment, for an inspector that reads a bean such
     *              as {@link org.cdimail.Outbox}
     * @return the delivered messages, never {@code null}
     */
    List<DeliveredMail> delivered(Instance<Object> beans);

    /**
     * Forgets everything delivered so far.
     *
     * @param beans the beans of the running deployment
     */
    void clear(Instance<Object> beans);

    /**
     * Whether the backend keeps what it delivers. A backend that discards messages (like
     * {@code dummy}) returns {@code false}; tests that compare content are then skipped, not
     * failed.
     *
     * @return {@code true} if {@link #delivered(Instance)} returns the messages sent
     */
    default boolean keepsMessages() {
        return true;
    }

    /**
     * Whether {@link DeliveredMail#envelope()} is present: the backend records who the message
     * was delivered to (the SMTP envelope, or its equivalent), so that Bcc delivery can be
     * checked.
     *
     * @return {@code true} if envelopes are recorded
     */
    default boolean recordsEnvelope() {
        return false;
    }

    /**
     * The MicroProfile Config properties under which {@code alias} fails every delivery by
     * throwing {@link org.cdimail.MailException}: what the TCK uses to check fail-silently
     * around a custom backend. They are added after {@link #configuration(String)} of the
     * {@code default} alias, in a deployment of their own, and may change keys it set.
     *
     * <p>The default routes {@code alias} to the TCK's own always-failing backend
     * ({@code tck-failing}), so that the checks test only cdi-mail's handling. Override it to
     * make <em>your</em> backend fail (an unwritable directory, an unreachable host): the TCK
     * then also checks that your failure is a {@code MailException} and nothing else, which
     * cdi-mail swallows for a connection obtained with fail-silently.
     *
     * @param alias the alias that must fail
     * @return the properties to add to that deployment's {@code microprofile-config.properties}
     */
    default Map<String, String> failingConfiguration(String alias) {
        return Map.of(key(alias, "backend"), "tck-failing");
    }

    /**
     * Makes the backend refuse {@code recipient} permanently, as a server's {@code 550} reply to
     * {@code RCPT TO} would, from now until the next {@link #clear(Instance)}: the message is
     * still delivered to its other recipients, and the backend's receipt lists the refusal. The
     * {@code events} and {@code async} contracts use it to check how a refusal is reported
     * ({@link org.cdimail.event.SendFailed}, a failed {@link org.cdimail.AsyncMailer} stage).
     *
     * <p>The default returns {@code false}: the backend cannot be made to refuse a recipient, and
     * the tests that need a refusal are skipped. Failures without a refusal are checked for every
     * backend through {@link #failingConfiguration(String)}.
     *
     * @param recipient the bare address to refuse
     * @return {@code true} if the backend will refuse it
     */
    default boolean refuse(String recipient) {
        return false;
    }

    /** Releases what the inspector started (a server, a captured stream, a directory). */
    @Override
    default void close() {
    }

    /**
     * The configuration key {@code name} of {@code alias}: {@code mail.<name>} for the
     * {@code default} alias, {@code mail.<alias>.<name>} for the others.
     *
     * @param alias the alias
     * @param name  the key without prefix, for example {@code file-path}
     * @return the full key
     */
    static String key(String alias, String name) {
        return "default".equals(alias) ? "mail." + name : "mail." + alias + "." + name;
    }
}

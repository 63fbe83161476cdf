package org.cdimail.spi;

import java.util.Optional;
import java.util.concurrent.Executor;

import org.cdimail.EmailMessage;

/**
 * What a backend knows of the alias it serves and of the connection it is: given to a
 * {@link BackendProvider}, and injectable ({@code @Inject BackendContext}) into a custom backend
 * bean annotated {@link BackendType @BackendType}.
 *
 * <p>Settings are read as {@code mail.<alias>.<key>}, falling back to {@code mail.<key>}, through
 * MicroProfile Config, so a backend's own keys work per alias like the built-in ones. Error
 * messages should name the key with {@link #settingKey(String)}.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface BackendContext {

    /**
     * The alias served, {@code "default"} for the unqualified one.
     *
     * @return the alias
     */
    String alias();

    /**
     * The backend name the alias selects ({@code mail.<alias>.backend}).
     *
     * @return the backend name
     */
    String backend();

    /**
     * A setting of the alias: {@code mail.<alias>.<key>}, else {@code mail.<key>}, converted by
     * MicroProfile Config to {@code type} ({@code String}, {@code Integer}, {@code Boolean},
     * {@code java.time.Duration}, {@code java.nio.file.Path} and whatever converters the
     * application registers).
     *
     * @param <T>  the type
     * @param key  the key without the {@code mail.} prefix and alias, e.g. {@code "api-url"}
     * @param type the type to convert to
     * @return the value, or empty when neither key is set
     * @throws IllegalArgumentException naming the key, when the value cannot be converted
     */
    <T> Optional<T> setting(String key, Class<T> type);

    /**
     * The full key {@link #setting(String, Class)} reads for {@code key}: the alias's own key when
     * it is set, else the shared one when that is set, else the alias's own key.
     *
     * @param key the key without the {@code mail.} prefix and alias
     * @return the full key, for error messages
     */
    String settingKey(String key);

    /**
     * The alias's renderer: it applies the alias's default sender, charset, time zone and host
     * name, and checks every header.
     *
     * @return the renderer
     */
    MessageRenderer renderer();

    /**
     * The SMTP envelope of a message for this alias.
     *
     * @param message the message
     * @return the envelope, with IDNA domains and the alias's default sender when the message has none
     * @throws org.cdimail.BadHeaderException or another {@link IllegalArgumentException} naming the
     *                                        header (never the address) for an invalid address
     */
    Envelope envelope(EmailMessage message);

    /**
     * Whether this connection was obtained with fail-silently. A backend need not act on it:
     * cdi-mail swallows the {@link org.cdimail.MailException}s of such a connection around it.
     *
     * @return {@code true} for fail-silently
     */
    boolean failSilently();

    /**
     * The user name this connection logs in with: one given for the call
     * ({@code SendOptions.authUser}), else {@code mail.<alias>.username}.
     *
     * @return the user name, or empty
     */
    Optional<String> username();

    /**
     * The password this connection logs in with, as {@link #username()}. Never log it.
     *
     * @return the password, or empty
     */
    Optional<String> password();

    /**
     * The container's executor for background work: Jakarta Concurrency's default
     * {@code ManagedExecutorService} in an application server.
     *
     * @return the executor, or empty outside a container that has one
     */
    Optional<Executor> executor();
}

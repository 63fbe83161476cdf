package org.cdimail.cli;

import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.Config;

/**
 * Reads one alias's settings as the library does: {@code mail.<alias>.<key>}, falling back to
 * {@code mail.<key>}. Used to describe what a command is about to do, and by {@code check}.
 */
final class AliasSettings {

    static final String DEFAULT_ALIAS = "default";
    private static final Set<String> BUILT_IN_BACKENDS = Set.of("smtp", "console", "file", "locmem", "dummy");

    private final Config config;
    private final String alias;

    AliasSettings(Config config, String alias) {
        this.config = config;
        this.alias = alias == null ? DEFAULT_ALIAS : alias;
    }

    String alias() {
        return alias;
    }

    /**
     * The alias's value of a key, with the {@code mail.<key>} fallback.
     *
     * @param key the key without prefix, such as {@code host}
     * @return the value, if configured
     */
    Optional<String> value(String key) {
        Optional<String> own = config.getOptionalValue(key(key), String.class);
        return own.isPresent() ? own : config.getOptionalValue("mail." + key, String.class);
    }

    /**
     * The full name of the key this alias reads first, for messages.
     *
     * @param key the key without prefix
     * @return {@code mail.<key>} for the default alias, else {@code mail.<alias>.<key>}
     */
    String key(String key) {
        return DEFAULT_ALIAS.equals(alias) ? "mail." + key : "mail." + alias + "." + key;
    }

    /**
     * The backend type: {@code mail.<alias>.backend}, else the alias's own name when it names a
     * built-in backend, else {@code mail.backend} ({@code smtp} by default).
     *
     * @return the backend name
     */
    String backend() {
        Optional<String> own = config.getOptionalValue(key("backend"), String.class);
        if (own.isPresent()) {
            return own.get();
        }
        if (BUILT_IN_BACKENDS.contains(alias)) {
            return alias;
        }
        return config.getOptionalValue("mail.backend", String.class).orElse("smtp");
    }

    /**
     * Describes the alias for output, e.g. {@code alias "default" (console backend)}.
     *
     * @return the description
     */
    String describe() {
        return "alias \"" + alias + "\" (" + backend() + " backend)";
    }
}

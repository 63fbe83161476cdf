package org.cdimail.cli;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

import org.cdimail.impl.config.AliasSettings;
import org.cdimail.impl.config.InvalidSettingException;
import org.cdimail.impl.config.MailConfig;
import org.cdimail.impl.config.MailKey;
import org.cdimail.inject.Backend;
import org.eclipse.microprofile.config.Config;

/**
 * One alias as the command shows it, read through the library's own {@link MailConfig}
 * ({@code mail.<alias>.<key>}, falling back to {@code mail.<key>}), so that the command names
 * the same keys and applies the same rules as the backends.
 */
final class AliasView {

    private static final Set<String> BUILT_IN_BACKENDS = Set.of("smtp", "console", "file", "locmem", "dummy");

    private final MailConfig config;
    private final String alias;

    AliasView(Config config, String alias) {
        this.config = new MailConfig(config);
        this.alias = alias == null ? Backend.DEFAULT : alias;
    }

    String alias() {
        return alias;
    }

    /**
     * The key that holds (or would hold) a setting of this alias, for messages.
     *
     * @param shortName the key without prefix, such as {@code admins}
     * @return {@code mail.<alias>.<key>} when set, else {@code mail.<key>}
     */
    String key(String shortName) {
        MailKey key = Arrays.stream(MailKey.values()).filter(k -> k.shortName().equals(shortName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a cdi-mail key: " + shortName));
        return key(key);
    }

    String key(MailKey key) {
        return config.source(alias, key);
    }

    /**
     * The backend of the alias, resolved as the library does: {@code mail.<alias>.backend}, else
     * the alias's own name when it names a backend, else (default alias) {@code mail.backend}.
     *
     * @return the backend name
     */
    String backend() {
        Optional<String> own = config.raw(MailKey.BACKEND.key(alias)).map(String::strip);
        if (own.isPresent()) {
            return own.get();
        }
        if (BUILT_IN_BACKENDS.contains(alias) || !Backend.DEFAULT.equals(alias)) {
            return alias;
        }
        return config.raw(MailKey.BACKEND.key()).map(String::strip).orElse("smtp");
    }

    /**
     * The typed, checked settings of the alias.
     *
     * @return the settings
     * @throws CliException (exit code 2) naming the key whose value cannot be used
     */
    AliasSettings settings() {
        try {
            return config.settings(alias);
        } catch (InvalidSettingException e) {
            throw new CliException(ExitCodes.USAGE, Errors.oneLine(e), e);
        }
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

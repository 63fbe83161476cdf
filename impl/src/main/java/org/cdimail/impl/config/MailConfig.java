package org.cdimail.impl.config;

import static org.cdimail.impl.ImplError.INVALID_VALUE;
import static org.cdimail.impl.ImplError.OLD_PASS_THROUGH_FORM;
import static org.cdimail.impl.ImplError.TLS_AND_SSL;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the {@link MailKey keys} from MicroProfile Config, per alias: {@code mail.<alias>.<key>}
 * first, then {@code mail.<key>}, then the key's default. Typed accessors throw
 * {@link InvalidSettingException} naming the key whose value cannot be used.
 */
public final class MailConfig {

    private final Config config;

    /**
     * Reads from {@code config}.
     *
     * @param config the MicroProfile Config to read
     */
    public MailConfig(Config config) {
        this.config = config;
    }

    /**
     * Reads from {@link ConfigProvider#getConfig()}.
     *
     * @return a reader of the current configuration
     */
    public static MailConfig current() {
        return new MailConfig(ConfigProvider.getConfig());
    }

    /**
     * The value of exactly {@code key}; an empty value counts as set (so that
     * {@code mail.subject-prefix=} means no prefix).
     *
     * @param key a full key
     * @return the raw value, if set
     */
    public Optional<String> raw(String key) {
        return Optional.ofNullable(config.getConfigValue(key).getValue());
    }

    /**
     * The value of exactly {@code key}, converted by MicroProfile Config; an empty value counts
     * as unset.
     *
     * @param <T>  the type
     * @param key  a full key
     * @param type the type to convert to
     * @return the value, if set
     * @throws InvalidSettingException naming the key, if the value cannot be converted
     */
    public <T> Optional<T> typed(String key, Class<T> type) {
        try {
            return config.getOptionalValue(key, type);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key, INVALID_VALUE.message(key + " cannot be read as a "
                    + type.getSimpleName()));
        }
    }

    /**
     * Where the value of {@code key} for {@code alias} comes from: {@code mail.<alias>.<key>} if
     * set, else {@code mail.<key>}. Used to name the key in error messages.
     *
     * @param alias the alias
     * @param key   the key
     * @return the full key that holds (or would hold) the value
     */
    public String source(String alias, MailKey key) {
        return raw(key.key(alias)).isPresent() ? key.key(alias) : key.key();
    }

    /**
     * The value of {@code key} for {@code alias}, falling back to the global key; no default.
     *
     * @param alias the alias
     * @param key   the key
     * @return the raw value, if set
     */
    public Optional<String> lookup(String alias, MailKey key) {
        return raw(key.key(alias)).or(() -> raw(key.key()));
    }

    /**
     * A lookup of full global keys ({@code mail.default-from}) for {@code alias}, for code that
     * reads settings by key, as {@code RenderSettings.from}.
     *
     * @param alias the alias
     * @return a function from a {@code mail.*} key to the alias's value
     */
    public Function<String, Optional<String>> lookupFor(String alias) {
        return key -> key.startsWith(MailKey.PREFIX)
                ? raw(MailKey.PREFIX + alias + "." + key.substring(MailKey.PREFIX.length())).or(() -> raw(key))
                : raw(key);
    }

    /**
     * Every configuration property name, for finding keys nothing reads.
     *
     * @return the names
     */
    public Iterable<String> propertyNames() {
        return config.getPropertyNames();
    }

    /**
     * The aliases named by {@code mail.<alias>.backend} keys.
     *
     * @return the alias names, sorted
     */
    public Set<String> configuredAliases() {
        Set<String> aliases = new TreeSet<>();
        String suffix = "." + MailKey.BACKEND.shortName();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(MailKey.PREFIX) && name.endsWith(suffix)
                    && name.length() > MailKey.PREFIX.length() + suffix.length()) {
                String alias = name.substring(MailKey.PREFIX.length(), name.length() - suffix.length());
                if (!alias.isEmpty() && alias.indexOf('.') < 0) {
                    aliases.add(alias);
                }
            }
        }
        return aliases;
    }

    /**
     * The typed settings of {@code alias}.
     *
     * @param alias the alias
     * @return the settings
     * @throws InvalidSettingException if a value cannot be used, naming its key
     */
    public AliasSettings settings(String alias) {
        Optional<String> username = lookup(alias, MailKey.USERNAME).filter(s -> !s.isEmpty());
        Optional<String> password = lookup(alias, MailKey.PASSWORD).filter(s -> !s.isEmpty());
        boolean useTls = bool(alias, MailKey.USE_TLS);
        boolean useSsl = bool(alias, MailKey.USE_SSL);
        if (useTls && useSsl) {
            throw new InvalidSettingException(source(alias, MailKey.USE_TLS),
                    TLS_AND_SSL.message(source(alias, MailKey.USE_TLS) + " and " + source(alias, MailKey.USE_SSL)
                    + " are both true for alias '" + alias + "'; choose STARTTLS (use-tls) or implicit TLS (use-ssl)"));
        }
        return new AliasSettings(alias, string(alias, MailKey.HOST), port(alias), username, password, useTls, useSsl,
                path(alias, MailKey.SSL_CERTFILE), path(alias, MailKey.SSL_KEYFILE),
                path(alias, MailKey.SSL_TRUST_CERTFILE), bool(alias, MailKey.ALLOW_PLAINTEXT_AUTH), timeout(alias),
                path(alias, MailKey.FILE_PATH), consoleStream(alias), string(alias, MailKey.DEFAULT_FROM),
                string(alias, MailKey.SERVER_EMAIL), string(alias, MailKey.SUBJECT_PREFIX),
                AddressList.parse(source(alias, MailKey.ADMINS), string(alias, MailKey.ADMINS)),
                AddressList.parse(source(alias, MailKey.MANAGERS), string(alias, MailKey.MANAGERS)), charset(alias),
                bool(alias, MailKey.USE_LOCALTIME), pool(alias), smtpProperties(alias), transport(alias));
    }

    /**
     * An address-list key of {@code alias} ({@code mail.<alias>.<key>}, then {@code mail.<key>}),
     * parsed as {@link MailKey#ADMINS} is.
     *
     * @param alias the alias
     * @param key   a key whose value is comma-separated RFC 5322 addresses
     * @return the addresses, empty when the key is unset or blank
     * @throws InvalidSettingException naming the key (never the value), if the list is malformed
     */
    public List<String> addresses(String alias, MailKey key) {
        return AddressList.parse(source(alias, key), string(alias, key));
    }

    private String string(String alias, MailKey key) {
        return lookup(alias, key).or(key::defaultValue).orElse("");
    }

    private boolean bool(String alias, MailKey key) {
        String value = string(alias, key).strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false", "" -> false;
            default -> throw invalid(alias, key, "must be true or false");
        };
    }

    private int port(String alias) {
        try {
            int port = Integer.parseInt(string(alias, MailKey.PORT).strip());
            if (port < 1 || port > 65535) {
                throw invalid(alias, MailKey.PORT, "must be between 1 and 65535");
            }
            return port;
        } catch (NumberFormatException e) {
            throw invalid(alias, MailKey.PORT, "must be a number");
        }
    }

    private Optional<Path> path(String alias, MailKey key) {
        Optional<String> value = lookup(alias, key).filter(s -> !s.isBlank());
        try {
            return value.map(Path::of);
        } catch (InvalidPathException e) {
            throw invalid(alias, key, "is not a valid path");
        }
    }

    private Duration timeout(String alias) {
        return duration(alias, MailKey.TIMEOUT);
    }

    private PoolSettings pool(String alias) {
        return new PoolSettings(count(alias, MailKey.POOL_MAX_CONNECTIONS), duration(alias, MailKey.POOL_IDLE_TIMEOUT),
                count(alias, MailKey.POOL_MAX_MESSAGES_PER_CONNECTION));
    }

    /** A whole number, zero or more. */
    private int count(String alias, MailKey key) {
        try {
            int value = Integer.parseInt(string(alias, key).strip());
            if (value < 0) {
                throw invalid(alias, key, "must be 0 or more");
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(alias, key, "must be a whole number");
        }
    }

    /**
     * A duration setting of {@code alias} (or its default): ISO-8601 ({@code PT10S}) or seconds
     * ({@code 10}, {@code 2.5}), as Django's {@code EMAIL_TIMEOUT}; positive and finite.
     *
     * @param alias the alias
     * @param key   a key of type {@code Duration}
     * @return the value
     * @throws InvalidSettingException naming the key, if the value is not such a duration
     */
    public Duration duration(String alias, MailKey key) {
        return parseDuration(source(alias, key), string(alias, key));
    }

    private static Duration parseDuration(String name, String text) {
        String value = text.strip();
        Duration duration;
        try {
            duration = value.toUpperCase(Locale.ROOT).startsWith("P") ? Duration.parse(value)
                    : Duration.ofMillis(new BigDecimal(value).movePointRight(3).longValueExact());
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new InvalidSettingException(name, INVALID_VALUE.message(name
                    + " must be an ISO-8601 duration such as PT30S or a number of seconds"));
        }
        if (duration.isNegative() || duration.isZero() || duration.toMillis() > Integer.MAX_VALUE) {
            throw new InvalidSettingException(name, INVALID_VALUE.message(name + " must be positive and finite"));
        }
        return duration;
    }

    /**
     * A key read once for the whole container ({@code mail.<key>}, never per alias), as a whole
     * number.
     *
     * @param key the key
     * @param min the smallest value allowed
     * @return the value, or the key's default
     * @throws InvalidSettingException naming the key, if it is not a whole number of at least {@code min}
     */
    public int containerInt(MailKey key, int min) {
        String value = raw(key.key()).or(key::defaultValue).orElse("").strip();
        try {
            int number = Integer.parseInt(value);
            if (number < min) {
                throw new InvalidSettingException(key.key(), INVALID_VALUE.message(key.key() + " must be " + min
                        + " or more"));
            }
            return number;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key.key(), INVALID_VALUE.message(key.key() + " must be a whole number"));
        }
    }

    /**
     * A key read once for the whole container ({@code mail.<key>}, never per alias), as a
     * positive duration: ISO-8601 ({@code PT10S}) or seconds ({@code 10}, {@code 2.5}).
     *
     * @param key the key
     * @return the value, or the key's default
     * @throws InvalidSettingException naming the key, if it is not a positive duration
     */
    public Duration containerDuration(MailKey key) {
        return parseDuration(key.key(), raw(key.key()).or(key::defaultValue).orElse(""));
    }

    private String consoleStream(String alias) {
        String value = string(alias, MailKey.CONSOLE_STREAM).strip().toLowerCase(Locale.ROOT);
        if (!value.equals("stdout") && !value.equals("stderr")) {
            throw invalid(alias, MailKey.CONSOLE_STREAM, "must be stdout or stderr");
        }
        return value;
    }

    private Charset charset(String alias) {
        try {
            return Charset.forName(string(alias, MailKey.DEFAULT_CHARSET).strip());
        } catch (IllegalArgumentException e) {
            throw invalid(alias, MailKey.DEFAULT_CHARSET, "is not a charset this JVM supports");
        }
    }

    private String transport(String alias) {
        String value = string(alias, MailKey.TRANSPORT).strip().toLowerCase(Locale.ROOT);
        if (!value.equals("cdi-mail") && !value.equals("jakarta-mail")) {
            throw invalid(alias, MailKey.TRANSPORT, "must be cdi-mail or jakarta-mail");
        }
        return value;
    }

    /**
     * {@code mail.jakarta-mail.*} first, then {@code mail.<alias>.jakarta-mail.*} over it; keyed
     * as Jakarta Mail expects ({@code mail.smtp.localhost}). The old {@code mail.smtp.*} and
     * {@code mail.<alias>.smtp.*} forms, and pass-through properties that would weaken a safe
     * default, fail with the key named.
     */
    private Map<String, String> smtpProperties(String alias) {
        Map<String, String> properties = new HashMap<>();
        String global = MailKey.PREFIX + MailKey.SMTP_PASSTHROUGH;
        String own = MailKey.PREFIX + alias + "." + MailKey.SMTP_PASSTHROUGH;
        for (String name : config.getPropertyNames()) {
            rejectOldPassThrough(alias, name);
            if (name.startsWith(global)) {
                String jakartaMailKey = MailKey.PREFIX + name.substring(global.length());
                SafePassThrough.check(jakartaMailKey, name);
                raw(name).ifPresent(v -> properties.putIfAbsent(jakartaMailKey, v));
            }
        }
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(own) && !own.equals(global)) {
                String jakartaMailKey = MailKey.PREFIX + name.substring(own.length());
                SafePassThrough.check(jakartaMailKey, name);
                raw(name).ifPresent(v -> properties.put(jakartaMailKey, v));
            }
        }
        return properties;
    }

    /**
     * {@code mail.<alias>.smtp.x} and {@code mail.smtp.x} were the pass-through's names; now
     * {@code mail.smtp.x} is alias {@code smtp}'s key {@code x}, an error only when no key has
     * that name.
     */
    private static void rejectOldPassThrough(String alias, String name) {
        String old = MailKey.PREFIX + MailKey.OLD_SMTP_PASSTHROUGH;
        String ownOld = MailKey.PREFIX + alias + "." + MailKey.OLD_SMTP_PASSTHROUGH;
        String rest = null;
        if (name.startsWith(ownOld)) {
            rest = name.substring(ownOld.length());
        } else if (name.startsWith(old) && !isAliasKey(name.substring(old.length()))) {
            rest = name.substring(old.length());
        }
        if (rest != null) {
            String replacement = name.substring(0, name.length() - rest.length() - MailKey.OLD_SMTP_PASSTHROUGH.length())
                    + MailKey.SMTP_PASSTHROUGH + MailKey.OLD_SMTP_PASSTHROUGH + rest;
            throw new InvalidSettingException(name, OLD_PASS_THROUGH_FORM.message(name
                    + " is not a cdi-mail key; Jakarta Mail"
                    + " properties are passed through as mail.<alias>.jakarta-mail.smtp.* now (here " + replacement
                    + "), with mail.<alias>.transport=jakarta-mail"));
        }
    }

    private static boolean isAliasKey(String rest) {
        for (MailKey key : MailKey.values()) {
            if (rest.equals(key.shortName())) {
                return true;
            }
        }
        return rest.startsWith(MailKey.SMTP_PASSTHROUGH);
    }

    private InvalidSettingException invalid(String alias, MailKey key, String why) {
        String name = source(alias, key);
        return new InvalidSettingException(name, INVALID_VALUE.message(name + " " + why));
    }
}

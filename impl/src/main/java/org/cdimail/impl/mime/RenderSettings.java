package org.cdimail.impl.mime;

import static org.cdimail.impl.ImplError.INVALID_USE_LOCALTIME;
import static org.cdimail.impl.ImplError.UNSUPPORTED_DEFAULT_CHARSET;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The configured values that rendering depends on.
 *
 * @param defaultFrom    the sender used when a message has none ({@code mail.default-from})
 * @param defaultCharset the charset used when a message has no encoding ({@code mail.default-charset})
 * @param useLocaltime   whether {@code Date} is in {@link #zone()} rather than UTC ({@code mail.use-localtime})
 * @param zone           the zone of the {@code Date} header when {@code useLocaltime} is set
 * @param dnsName        this host's name, the domain of generated {@code Message-ID}s
 */
public record RenderSettings(String defaultFrom, Charset defaultCharset, boolean useLocaltime, ZoneId zone,
        String dnsName) {

    /** Key of the default sender. */
    public static final String DEFAULT_FROM = "mail.default-from";
    /** Key of the default charset. */
    public static final String DEFAULT_CHARSET = "mail.default-charset";
    /** Key of the local-time switch. */
    public static final String USE_LOCALTIME = "mail.use-localtime";

    private static final String WEBMASTER = "webmaster@localhost";

    /** Checks every component. */
    public RenderSettings {
        Objects.requireNonNull(defaultFrom, "defaultFrom");
        Objects.requireNonNull(defaultCharset, "defaultCharset");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(dnsName, "dnsName");
    }

    /**
     * Django's defaults: {@code webmaster@localhost}, UTF-8, UTC dates, this host's name.
     *
     * @return the default settings
     */
    public static RenderSettings defaults() {
        return new RenderSettings(WEBMASTER, StandardCharsets.UTF_8, false, ZoneId.systemDefault(), LocalHost.NAME);
    }

    /**
     * Reads {@value #DEFAULT_FROM}, {@value #DEFAULT_CHARSET} and {@value #USE_LOCALTIME} through
     * {@code lookup}; absent keys keep their defaults.
     *
     * @param lookup gives the configured value of a key, if any
     * @return the settings
     * @throws IllegalArgumentException naming the key, if a value is invalid
     */
    public static RenderSettings from(Function<String, Optional<String>> lookup) {
        Objects.requireNonNull(lookup, "lookup");
        RenderSettings defaults = defaults();
        String from = lookup.apply(DEFAULT_FROM).map(String::strip).filter(s -> !s.isEmpty())
                .orElse(defaults.defaultFrom());
        Charset charset = lookup.apply(DEFAULT_CHARSET).map(String::strip).filter(s -> !s.isEmpty())
                .map(RenderSettings::charset).orElse(defaults.defaultCharset());
        boolean localtime = lookup.apply(USE_LOCALTIME).map(String::strip).filter(s -> !s.isEmpty())
                .map(RenderSettings::bool).orElse(false);
        return new RenderSettings(from, charset, localtime, defaults.zone(), defaults.dnsName());
    }

    /**
     * A copy with another zone for local-time dates.
     *
     * @param zone the zone
     * @return the changed settings
     */
    public RenderSettings withZone(ZoneId zone) {
        return new RenderSettings(defaultFrom, defaultCharset, useLocaltime, zone, dnsName);
    }

    /**
     * A copy with another host name for {@code Message-ID}s.
     *
     * @param dnsName the host name, may be non-ASCII (it is IDNA-encoded when rendered)
     * @return the changed settings
     */
    public RenderSettings withDnsName(String dnsName) {
        return new RenderSettings(defaultFrom, defaultCharset, useLocaltime, zone, dnsName);
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException(UNSUPPORTED_DEFAULT_CHARSET.message(DEFAULT_CHARSET
                    + " names a charset this JVM does not support"));
        }
    }

    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(INVALID_USE_LOCALTIME.message(USE_LOCALTIME
                    + " must be true or false"));
        };
    }

    /** This host's fully qualified name, looked up once: the lookup may be slow (Django caches it too). */
    private static final class LocalHost {
        static final String NAME = lookup();

        private LocalHost() {
        }

        private static String lookup() {
            try {
                String name = InetAddress.getLocalHost().getCanonicalHostName();
                return name == null || name.isBlank() ? "localhost" : name;
            } catch (UnknownHostException | SecurityException e) {
                return "localhost";
            }
        }
    }
}

package org.cdimail.junit;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A MicroProfile Config source, found through {@code META-INF/services}, that sets
 * {@code mail.backend} and every {@code mail.<alias>.backend} to {@code locmem} while a
 * {@link MailTest} class runs (except the aliases it names in {@link MailTest#realAliases()}),
 * and is empty otherwise. Its ordinal, {@value #ORDINAL}, is above system properties (400) and
 * environment variables (300), so it wins over any configuration. It answers for any alias's key,
 * including aliases it cannot list: only {@code mail.backend} and {@code mail.default.backend}
 * appear among its property names.
 */
public final class LocmemConfigSource implements ConfigSource {

    /** The ordinal of this source. */
    public static final int ORDINAL = 1000;

    private static final String LOCMEM = "locmem";
    private static final String PREFIX = "mail.";
    private static final String SUFFIX = ".backend";
    private static final AtomicInteger ACTIVE = new AtomicInteger();
    private static volatile Set<String> realAliases = Set.of();

    static void activate(Set<String> real) {
        realAliases = Set.copyOf(real);
        ACTIVE.incrementAndGet();
    }

    static void deactivate() {
        if (ACTIVE.decrementAndGet() == 0) {
            realAliases = Set.of();
        }
    }

    /**
     * Whether a {@link MailTest} class is running.
     *
     * @return {@code true} while the override is active
     */
    public static boolean isActive() {
        return ACTIVE.get() > 0;
    }

    @Override
    public Set<String> getPropertyNames() {
        if (!isActive()) {
            return Set.of();
        }
        return realAliases.contains("default") ? Set.of() : Set.of("mail.backend", "mail.default.backend");
    }

    @Override
    public String getValue(String propertyName) {
        if (!isActive() || propertyName == null || !propertyName.startsWith(PREFIX)
                || !propertyName.endsWith(SUFFIX)) {
            return null;
        }
        if (propertyName.equals("mail.backend")) {
            return realAliases.contains("default") ? null : LOCMEM;
        }
        String alias = propertyName.substring(PREFIX.length(), propertyName.length() - SUFFIX.length());
        boolean oneAlias = !alias.isEmpty() && alias.indexOf('.') < 0;
        return oneAlias && !realAliases.contains(alias) ? LOCMEM : null;
    }

    @Override
    public String getName() {
        return "cdi-mail @MailTest";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}

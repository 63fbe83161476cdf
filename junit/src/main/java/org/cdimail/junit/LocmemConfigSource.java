package org.cdimail.junit;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A MicroProfile Config source, found through {@code META-INF/services}, that sets
 * {@code mail.backend} and {@code mail.default.backend} to {@code locmem} while a
 * {@link MailTest} class runs, and is empty otherwise. Its ordinal, {@value #ORDINAL}, is above
 * system properties (400) and environment variables (300), so it wins over any configuration.
 */
public final class LocmemConfigSource implements ConfigSource {

    /** The ordinal of this source. */
    public static final int ORDINAL = 1000;

    private static final AtomicInteger ACTIVE = new AtomicInteger();
    private static final Map<String, String> VALUES = Map.of("mail.backend", "locmem", "mail.default.backend", "locmem");

    static void activate() {
        ACTIVE.incrementAndGet();
    }

    static void deactivate() {
        ACTIVE.decrementAndGet();
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
        return isActive() ? VALUES.keySet() : Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        return isActive() ? VALUES.get(propertyName) : null;
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

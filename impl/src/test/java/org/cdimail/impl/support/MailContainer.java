package org.cdimail.impl.support;

import java.lang.annotation.Annotation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import org.cdimail.impl.MailExtension;

/**
 * A Weld SE container with the cdi-mail extension and a fresh MicroProfile Config holding only
 * the given properties (no environment, no system properties), registered for the test's class
 * loader before boot and released on {@link #close()}, so that no configuration leaks between
 * tests.
 */
public final class MailContainer implements AutoCloseable {

    private final Config config;
    private final WeldContainer weld;

    private MailContainer(Config config, WeldContainer weld) {
        this.config = config;
        this.weld = weld;
    }

    /** Starts a builder with {@code key, value, key, value…}. */
    public static Builder with(String... keysAndValues) {
        return new Builder().config(keysAndValues);
    }

    /** Boots with no configuration at all. */
    public static MailContainer empty(Class<?>... beans) {
        return new Builder().beans(beans).start();
    }

    public <T> T select(Class<T> type, Annotation... qualifiers) {
        return weld.select(type, qualifiers).get();
    }

    public WeldContainer weld() {
        return weld;
    }

    @Override
    public void close() {
        try {
            if (weld.isRunning()) {
                weld.shutdown();
            }
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    /** Weld SE refuses to boot with no bean class at all; this one is always added. */
    @jakarta.enterprise.context.Dependent
    public static class Anchor {
    }

    /** Collects the configuration and bean classes. */
    public static final class Builder {
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Class<?>[] beans = new Class<?>[0];
        private boolean discovery;

        public Builder config(String... keysAndValues) {
            for (int i = 0; i < keysAndValues.length; i += 2) {
                properties.put(keysAndValues[i], keysAndValues[i + 1]);
            }
            return this;
        }

        public Builder config(Map<String, String> more) {
            properties.putAll(more);
            return this;
        }

        public Builder beans(Class<?>... classes) {
            this.beans = classes;
            return this;
        }

        /**
         * Boots with bean discovery on, as an application does: the extensions on the class path
         * (cdi-mail's, and those of the artifacts under test) are service-loaded, not added.
         */
        public Builder discovering() {
            this.discovery = true;
            return this;
        }

        /** Registers the configuration and boots the container; releases the configuration if boot fails. */
        public MailContainer start() {
            Config config = new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(Map.copyOf(properties), "test", 500)).build();
            ConfigProviderResolver resolver = ConfigProviderResolver.instance();
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try {
                resolver.releaseConfig(resolver.getConfig(loader));
            } catch (RuntimeException e) {
                // Nothing was registered.
            }
            resolver.registerConfig(config, loader);
            try {
                Weld weld = new Weld(UUID.randomUUID().toString()).property("org.jboss.weld.se.shutdownHook", false)
                        .addBeanClasses(beans).addBeanClass(Anchor.class);
                if (!discovery) {
                    weld.disableDiscovery().addExtension(new MailExtension());
                }
                return new MailContainer(config, weld.initialize());
            } catch (RuntimeException e) {
                resolver.releaseConfig(config);
                throw e;
            }
        }
    }
}

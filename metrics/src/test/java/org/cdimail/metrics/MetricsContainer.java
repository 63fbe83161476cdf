package org.cdimail.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Weld SE with bean discovery on, as an application runs with this artifact: the extensions
 * (cdi-mail's, this module's, SmallRye Config's, SmallRye Metrics') are found on the class path;
 * SmallRye Metrics provides the MicroProfile {@code MetricRegistry}; a Micrometer
 * {@code MeterRegistry} bean exists only when asked for, as WildFly's micrometer subsystem gives one.
 */
final class MetricsContainer implements AutoCloseable {

    /** The Micrometer registry a server would provide. */
    static final class MeterRegistryProducer {
        @Produces
        @ApplicationScoped
        MeterRegistry registry() {
            return new SimpleMeterRegistry();
        }
    }

    /** Weld SE boots only with some bean class; none of the jars here has a beans.xml. */
    @jakarta.enterprise.context.Dependent
    static final class Anchor {
    }

    /** SmallRye Metrics' producer reads the injection point: its registry cannot be looked up programmatically. */
    @jakarta.enterprise.context.Dependent
    static class ApplicationRegistry {
        @jakarta.inject.Inject
        org.eclipse.microprofile.metrics.MetricRegistry registry;
    }

    private final Config config;
    private final WeldContainer weld;

    private MetricsContainer(Config config, WeldContainer weld) {
        this.config = config;
        this.weld = weld;
    }

    static MetricsContainer start(boolean micrometer, String... keysAndValues) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        Config config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            resolver.releaseConfig(resolver.getConfig(loader));
        } catch (RuntimeException e) {
            // nothing was registered
        }
        resolver.registerConfig(config, loader);
        try {
            Weld weld = new Weld(UUID.randomUUID().toString()).property("org.jboss.weld.se.shutdownHook", false)
                    .addBeanClass(Anchor.class)
                    .addBeanClass(ApplicationRegistry.class);
            if (micrometer) {
                weld.addBeanClass(MeterRegistryProducer.class);
            }
            return new MetricsContainer(config, weld.initialize());
        } catch (RuntimeException e) {
            resolver.releaseConfig(config);
            throw e;
        }
    }

    WeldContainer weld() {
        return weld;
    }

    <T> T select(Class<T> type) {
        return weld.select(type).get();
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
}

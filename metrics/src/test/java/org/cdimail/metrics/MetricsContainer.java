package org.cdimail.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.cdimail.impl.support.MailContainer;
import org.jboss.weld.environment.se.WeldContainer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

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

    private final MailContainer container;

    private MetricsContainer(MailContainer container) {
        this.container = container;
    }

    static MetricsContainer start(boolean micrometer, String... keysAndValues) {
        Class<?>[] beans = micrometer
                ? new Class<?>[] { Anchor.class, ApplicationRegistry.class, MeterRegistryProducer.class }
                : new Class<?>[] { Anchor.class, ApplicationRegistry.class };
        return new MetricsContainer(MailContainer.with(keysAndValues).beans(beans).discovering().start());
    }

    WeldContainer weld() {
        return container.weld();
    }

    <T> T select(Class<T> type) {
        return container.select(type);
    }

    @Override
    public void close() {
        container.close();
    }
}

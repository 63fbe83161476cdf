package org.cdimail.metrics;

import java.lang.System.Logger.Level;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Adds the observers that count cdi-mail's events into the metrics registries whose API is on the
 * class path: {@link MicrometerMailMetrics} for Micrometer, {@link MicroProfileMailMetrics} for
 * MicroProfile Metrics. A class for an absent API is never loaded; an observer whose registry is
 * not a CDI bean counts nothing. The jar needs no bean discovery.
 */
public class MetricsExtension implements Extension {

    private static final System.Logger LOG = System.getLogger(MetricsExtension.class.getName());
    private static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";
    private static final String MICROPROFILE = "org.eclipse.microprofile.metrics.MetricRegistry";

    /** Adds the observer of each metrics API present. */
    void addObservers(@Observes BeforeBeanDiscovery event, BeanManager beanManager) {
        boolean any = false;
        if (present(MICROMETER)) {
            event.addAnnotatedType(beanManager.createAnnotatedType(MicrometerMailMetrics.class),
                    MetricsExtension.class.getName() + ".micrometer");
            any = true;
        }
        if (present(MICROPROFILE)) {
            event.addAnnotatedType(beanManager.createAnnotatedType(MicroProfileMailMetrics.class),
                    MetricsExtension.class.getName() + ".microprofile");
            any = true;
        }
        if (!any) {
            LOG.log(Level.INFO, "cdi-mail-metrics: neither Micrometer nor MicroProfile Metrics is on the class path;"
                    + " nothing is counted");
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, MetricsExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}

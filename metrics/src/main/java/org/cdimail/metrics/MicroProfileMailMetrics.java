package org.cdimail.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import org.cdimail.event.AfterSend;
import org.cdimail.event.SendFailed;

/**
 * Counts cdi-mail's events into the application's MicroProfile Metrics {@link MetricRegistry}
 * (the application scope, as Payara provides it); counts nothing when there is no such bean.
 * Added by {@link MetricsExtension} only when MicroProfile Metrics is on the class path.
 */
@ApplicationScoped
class MicroProfileMailMetrics {

    @Inject
    Instance<MetricRegistry> registries;

    @Inject
    BeanManager beanManager;

    private volatile Optional<MetricRegistry> registry;
    private final List<Supplier<Double>> depths = new ArrayList<>();

    /** Registers a queue-depth gauge per queued alias when the application starts. */
    void registerQueueGauges(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry().ifPresent(metrics -> QueuedAliases.depths(beanManager).forEach((alias, depth) -> {
            synchronized (depths) {
                depths.add(depth);
            }
            metrics.gauge(MetricNames.QUEUE_DEPTH, depth, new Tag(MetricNames.ALIAS, alias));
        }));
    }

    /** Counts a delivered message and times its delivery. */
    void countSent(@Observes AfterSend event) {
        registry().ifPresent(metrics -> {
            Tag[] tags = { new Tag(MetricNames.ALIAS, event.alias()),
                new Tag(MetricNames.SOURCE, MetricNames.source(event.fromQueue())) };
            metrics.counter(MetricNames.SENT, tags).inc();
            metrics.timer(MetricNames.SEND_TIME, tags).update(event.elapsed());
        });
    }

    /** Counts a failure as failed, retried or dead by its outcome. */
    void countFailed(@Observes SendFailed event) {
        registry().ifPresent(metrics -> metrics.counter(MetricNames.failure(event.outcome()),
                new Tag(MetricNames.ALIAS, event.alias())).inc());
    }

    private Optional<MetricRegistry> registry() {
        Optional<MetricRegistry> known = registry;
        if (known == null) {
            known = registries.isResolvable() ? Optional.of(registries.get()) : Optional.empty();
            registry = known;
        }
        return known;
    }
}

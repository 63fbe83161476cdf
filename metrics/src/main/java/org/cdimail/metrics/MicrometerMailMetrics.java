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
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import org.cdimail.event.AfterSend;
import org.cdimail.event.SendFailed;

/**
 * Counts cdi-mail's events into the application's Micrometer {@link MeterRegistry} (WildFly's
 * micrometer subsystem provides one as a CDI bean); counts nothing when there is no such bean.
 * Added by {@link MetricsExtension} only when Micrometer is on the class path.
 */
@ApplicationScoped
class MicrometerMailMetrics {

    @Inject
    Instance<MeterRegistry> registries;

    @Inject
    BeanManager beanManager;

    private volatile Optional<MeterRegistry> registry;
    /** The gauges' state, held strongly: Micrometer keeps only a weak reference to it. */
    private final List<Supplier<Double>> depths = new ArrayList<>();

    /** Registers a queue-depth gauge per queued alias when the application starts. */
    void registerQueueGauges(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry().ifPresent(meters -> QueuedAliases.depths(beanManager).forEach((alias, depth) -> {
            synchronized (depths) {
                depths.add(depth);
            }
            // The registry's own methods, not Meter builders: WildFly's registry refuses builders'
            // register (WFLYMMTREXT0015).
            meters.gauge(MetricNames.QUEUE_DEPTH, Tags.of(MetricNames.ALIAS, alias), depth, Supplier::get);
        }));
    }

    /** Counts a delivered message and times its delivery. */
    void countSent(@Observes AfterSend event) {
        registry().ifPresent(meters -> {
            String source = MetricNames.source(event.fromQueue());
            meters.counter(MetricNames.SENT, MetricNames.ALIAS, event.alias(), MetricNames.SOURCE, source).increment();
            meters.timer(MetricNames.SEND_TIME, MetricNames.ALIAS, event.alias(), MetricNames.SOURCE, source)
                    .record(event.elapsed());
        });
    }

    /** Counts a failure as failed, retried or dead by its outcome. */
    void countFailed(@Observes SendFailed event) {
        registry().ifPresent(meters -> meters.counter(MetricNames.failure(event.outcome()),
                MetricNames.ALIAS, event.alias()).increment());
    }

    private Optional<MeterRegistry> registry() {
        Optional<MeterRegistry> known = registry;
        if (known == null) {
            known = registries.isResolvable() ? Optional.of(registries.get()) : Optional.empty();
            if (known.isEmpty()) {
                // WildFly: the server's MeterRegistry bean is not visible from this jar's bean
                // archive (WEB-INF/lib), only from the deployment's.
                Instance<MeterRegistry> root = CDI.current().select(MeterRegistry.class);
                known = root.isResolvable() ? Optional.of(root.get()) : Optional.empty();
            }
            registry = known;
        }
        return known;
    }
}

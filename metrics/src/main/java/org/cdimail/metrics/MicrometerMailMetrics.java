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

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

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
            Gauge.builder(MetricNames.QUEUE_DEPTH, depth, Supplier::get).tag(MetricNames.ALIAS, alias)
                    .description("messages waiting in the alias's queue").register(meters);
        }));
    }

    /** Counts a delivered message and times its delivery. */
    void countSent(@Observes AfterSend event) {
        registry().ifPresent(meters -> {
            String source = MetricNames.source(event.fromQueue());
            Counter.builder(MetricNames.SENT).tag(MetricNames.ALIAS, event.alias()).tag(MetricNames.SOURCE, source)
                    .description("messages delivered to at least one recipient").register(meters).increment();
            Timer.builder(MetricNames.SEND_TIME).tag(MetricNames.ALIAS, event.alias()).tag(MetricNames.SOURCE, source)
                    .description("time of the delivery a message was part of").register(meters)
                    .record(event.elapsed());
        });
    }

    /** Counts a failure as failed, retried or dead by its outcome. */
    void countFailed(@Observes SendFailed event) {
        registry().ifPresent(meters -> Counter.builder(MetricNames.failure(event.outcome()))
                .tag(MetricNames.ALIAS, event.alias()).register(meters).increment());
    }

    private Optional<MeterRegistry> registry() {
        Optional<MeterRegistry> known = registry;
        if (known == null) {
            known = registries.isResolvable() ? Optional.of(registries.get()) : Optional.empty();
            registry = known;
        }
        return known;
    }
}

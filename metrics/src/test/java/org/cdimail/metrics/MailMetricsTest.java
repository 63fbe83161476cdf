package org.cdimail.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.spi.BeanManager;

import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.MeterRegistry;

import org.cdimail.EmailMessage;
import org.cdimail.Mailer;
import org.cdimail.Receipt;
import org.cdimail.event.AfterSend;
import org.cdimail.event.SendFailed;
import org.cdimail.impl.support.ScriptedSmtpServer;

/**
 * The counters, timers and gauges, fed by cdi-mail's events as the application's own observers
 * would see them, in Micrometer and MicroProfile Metrics alike.
 */
class MailMetricsTest {

    private static Receipt receipt() {
        EmailMessage message = EmailMessage.builder().subject("s").body("b").from("a@example.com")
                .to("b@example.com").build();
        return Receipt.builder(0, message).accepted("b@example.com").build();
    }

    private static void fireOutcomes(BeanManager beans) {
        Receipt receipt = receipt();
        beans.getEvent().select(AfterSend.class).fire(new AfterSend("transactional", receipt, false, Duration.ofMillis(40)));
        beans.getEvent().select(AfterSend.class).fire(new AfterSend("transactional", receipt, false, Duration.ofMillis(60)));
        beans.getEvent().select(AfterSend.class).fire(new AfterSend("transactional", receipt, true, Duration.ofMillis(5)));
        beans.getEvent().select(SendFailed.class).fire(new SendFailed("transactional", receipt, "CDIMAIL-00291: x", true,
                SendFailed.Outcome.REPORTED, false));
        for (int i = 0; i < 3; i++) {
            beans.getEvent().select(SendFailed.class).fire(new SendFailed("transactional", receipt, "CDIMAIL-00291: x",
                    true, SendFailed.Outcome.RETRYING, true));
        }
        beans.getEvent().select(SendFailed.class).fire(new SendFailed("bulk", receipt, "550", false,
                SendFailed.Outcome.DEAD, true));
    }

    @Test
    void micrometerCountsSentFailedRetriedDeadAndTimesDeliveriesPerAlias() {
        try (MetricsContainer container = MetricsContainer.start(true, "mail.backend", "locmem")) {
            fireOutcomes(container.weld().getBeanManager());
            MeterRegistry meters = container.select(MeterRegistry.class);
            assertThat(meters.get("cdimail.sent").tags("alias", "transactional", "source", "direct").counter().count())
                    .isEqualTo(2);
            assertThat(meters.get("cdimail.sent").tags("alias", "transactional", "source", "queue").counter().count())
                    .isEqualTo(1);
            assertThat(meters.get("cdimail.failed").tags("alias", "transactional").counter().count()).isEqualTo(1);
            assertThat(meters.get("cdimail.retried").tags("alias", "transactional").counter().count()).isEqualTo(3);
            assertThat(meters.get("cdimail.dead").tags("alias", "bulk").counter().count()).isEqualTo(1);
            assertThat(meters.find("cdimail.dead").tags("alias", "transactional").counter()).isNull();
            var timer = meters.get("cdimail.send").tags("alias", "transactional", "source", "direct").timer();
            assertThat(timer.count()).isEqualTo(2);
            assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(100);
        }
    }

    @Test
    void micrometerGaugesTheBacklogOfAQueuedAlias(@TempDir Path journal) throws Exception {
        try (ScriptedSmtpServer peer = ScriptedSmtpServer.start();
                MetricsContainer container = MetricsContainer.start(true, "mail.host", "127.0.0.1", "mail.port",
                        Integer.toString(peer.port()), "mail.queue.enabled", "true", "mail.queue.directory",
                        journal.toString())) {
            MeterRegistry meters = container.select(MeterRegistry.class);
            assertThat(meters.get("cdimail.queue.depth").tags("alias", "default").gauge().value()).isZero();
            Mailer mailer = container.select(Mailer.class);
            mailer.sendMail("One", "Body", "app@example.com", List.of("ada@example.com"));
            mailer.sendMail("Two", "Body", "app@example.com", List.of("bob@example.com"));
            assertThat(meters.get("cdimail.queue.depth").tags("alias", "default").gauge().value()).isEqualTo(2);
        }
    }

    @Test
    void microProfileMetricsCountsTheSameInTheApplicationRegistry() {
        try (MetricsContainer container = MetricsContainer.start(false, "mail.backend", "locmem")) {
            // SmallRye Metrics keeps its registries for the JVM: other tests' counts are there too.
            MetricRegistry metrics = container.select(MetricsContainer.ApplicationRegistry.class).registry;
            Tag alias = new Tag("alias", "transactional");
            Tag direct = new Tag("source", "direct");
            long sent = metrics.counter("cdimail.sent", alias, direct).getCount();
            long queued = metrics.counter("cdimail.sent", alias, new Tag("source", "queue")).getCount();
            long failed = metrics.counter("cdimail.failed", alias).getCount();
            long retried = metrics.counter("cdimail.retried", alias).getCount();
            long dead = metrics.counter("cdimail.dead", new Tag("alias", "bulk")).getCount();
            long timed = metrics.timer("cdimail.send", alias, direct).getCount();
            Duration elapsed = metrics.timer("cdimail.send", alias, direct).getElapsedTime();

            fireOutcomes(container.weld().getBeanManager());

            assertThat(metrics.counter("cdimail.sent", alias, direct).getCount() - sent).isEqualTo(2);
            assertThat(metrics.counter("cdimail.sent", alias, new Tag("source", "queue")).getCount() - queued)
                    .isEqualTo(1);
            assertThat(metrics.counter("cdimail.failed", alias).getCount() - failed).isEqualTo(1);
            assertThat(metrics.counter("cdimail.retried", alias).getCount() - retried).isEqualTo(3);
            assertThat(metrics.counter("cdimail.dead", new Tag("alias", "bulk")).getCount() - dead).isEqualTo(1);
            assertThat(metrics.timer("cdimail.send", alias, direct).getCount() - timed).isEqualTo(2);
            assertThat(metrics.timer("cdimail.send", alias, direct).getElapsedTime().minus(elapsed))
                    .isEqualTo(Duration.ofMillis(100));
        }
    }
}

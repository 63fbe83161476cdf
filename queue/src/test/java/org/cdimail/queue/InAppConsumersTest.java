package org.cdimail.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.cdimail.EmailMessage;
import org.cdimail.Receipt;
import org.cdimail.event.SendFailed;
import org.cdimail.impl.backend.AliasContext;
import org.cdimail.impl.backend.ConnectionOptions;
import org.cdimail.impl.backend.SendEvents;
import org.cdimail.impl.backend.JoinsTransactions;
import org.cdimail.impl.backend.locmem.LocmemOutbox;
import org.cdimail.impl.backend.smtp.SmtpProvider;
import org.cdimail.impl.config.MailConfig;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.impl.mime.RenderSettings;
import org.cdimail.spi.BackendFactory;
import org.cdimail.spi.EmailBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code queue.in-app-consumers}: the application delivers its queue itself, on consumers started
 * with the alias and stopped with the container (outside an application server, on threads of the
 * queue); the workers tell the alias's {@link SendEvents} what became of each message.
 */
class InAppConsumersTest {

    private static final String THREADS = "cdi-mail-queue-default-";

    @TempDir
    Path journal;

    private ScriptedSmtpPeer peer;

    @BeforeEach
    void startPeer() throws Exception {
        peer = new ScriptedSmtpPeer();
    }

    @AfterEach
    void stopPeer() throws Exception {
        peer.close();
    }

    private Map<String, String> config(int inAppConsumers) {
        Map<String, String> config = new HashMap<>();
        config.put("mail.backend", "smtp");
        config.put("mail.host", "127.0.0.1");
        config.put("mail.port", String.valueOf(peer.port()));
        config.put("mail.timeout", "PT5S");
        config.put("mail.queue.enabled", "true");
        config.put("mail.queue.directory", journal.toString());
        config.put("mail.queue.retry.initial-delay", "PT0.2S");
        config.put("mail.queue.retry.max-delay", "PT0.4S");
        config.put("mail.queue.in-app-consumers", String.valueOf(inAppConsumers));
        return config;
    }

    private static EmailMessage message(int i, String... to) {
        return EmailMessage.builder().subject("queued " + i).body("body " + i).from("sender@example.com").to(to).build();
    }

    private static long consumerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith(THREADS)).count();
    }

    @Test
    void sendingThroughAQueuedAliasWithInAppConsumersDeliversWithoutAWorkerAndTheConsumersStopWithTheContainer() {
        try (QueueRuntime runtime = QueueRuntime.start(config(2))) {
            assertThat(consumerThreads()).isEqualTo(2);
            int sent = runtime.mailer().sendMassMail(IntStream.range(0, 30)
                    .mapToObj(i -> message(i, "user" + i + "@example.com")).toList());
            assertThat(sent).isEqualTo(30);
            CrashTest.await("30 deliveries by the in-app consumers", Duration.ofSeconds(30),
                    () -> peer.deliveries().size() == 30, () -> "peer received " + peer.deliveries().size());
            CrashTest.await("an empty queue", Duration.ofSeconds(30), () -> runtime.queue().pending() == 0);
            assertThat(peer.deliveries()).allSatisfy((recipient, count) -> assertThat(count).isEqualTo(1));
        }
        CrashTest.await("the consumer threads gone with the container", Duration.ofSeconds(30), () -> consumerThreads() == 0);
    }

    @Test
    void withoutInAppConsumersTheApplicationOnlyEnqueues() {
        try (QueueRuntime runtime = QueueRuntime.start(config(0))) {
            runtime.mailer().sendMassMail(List.of(message(1, "one@example.com")));
            assertThat(runtime.queue().pending()).isEqualTo(1);
            assertThat(consumerThreads()).isZero();
            assertThat(peer.deliveries()).isEmpty();
        }
    }

    @Test
    void aConnectionFactoryThatIsNotInJndiFailsTheDeploymentNamingTheKey() {
        Map<String, String> config = config(0);
        config.put("mail.queue.connection-factory", "java:/JmsXA");
        assertThatThrownBy(() -> QueueRuntime.start(config).close())
                .hasMessageContaining(QueueError.CONNECTION_FACTORY_NOT_FOUND.id())
                .hasMessageContaining("mail.queue.connection-factory");
    }

    /** What the workers told, in order. */
    private record Told(String what, Receipt receipt, boolean fromQueue) {
    }

    @Test
    void workersTellDeliveredRetryingAndDeadFromTheQueueOncePerOutcome() throws Exception {
        peer.deferFirst("later@example.com", 1);
        peer.refuse("nobody@example.com");
        List<Told> told = new CopyOnWriteArrayList<>();
        SendEvents recorder = new SendEvents() {
            @Override
            public void delivered(Receipt receipt, Duration elapsed, boolean fromQueue) {
                assertThat(elapsed).isPositive();
                told.add(new Told("delivered", receipt, fromQueue));
            }

            @Override
            public void failed(Receipt receipt, SendFailed.Outcome outcome, boolean fromQueue) {
                told.add(new Told(outcome.name(), receipt, fromQueue));
            }
        };
        var source = new PropertiesConfigSource(config(1), "test", 500);
        MailConfig config = new MailConfig(new SmallRyeConfigBuilder().withSources(source).build());
        AliasContext alias = new AliasContext("default", "smtp", config, config.settings("default"),
                new MimeRenderer(RenderSettings.defaults()), new LocmemOutbox("default"), Optional::empty,
                name -> Optional.empty()).withEvents(recorder);
        BackendFactory delivering = new SmtpProvider().configure(alias);
        BackendFactory queued = new QueueProvider().wrap(alias, delivering);
        try {
            assertThat(queued).isInstanceOf(JoinsTransactions.class);
            assertThat(((JoinsTransactions) queued).joinsTransaction()).as("the embedded broker").isFalse();
            try (EmailBackend connection = queued.connect(alias.withConnection(ConnectionOptions.DEFAULTS))) {
                connection.deliver(List.of(message(1, "now@example.com", "later@example.com", "nobody@example.com")));
            }
            CrashTest.await("the retried recipient delivered", Duration.ofSeconds(30),
                    () -> told.stream().filter(t -> t.what().equals("delivered")).count() == 2, told::toString);
            assertThat(told).allSatisfy(t -> assertThat(t.fromQueue()).isTrue());
            assertThat(told).extracting(Told::what).containsExactlyInAnyOrder("delivered", "RETRYING", "DEAD", "delivered");
            assertThat(told.get(0).receipt().accepted()).containsExactly("now@example.com");
            Receipt retried = told.stream().filter(t -> t.what().equals("RETRYING")).findFirst().orElseThrow().receipt();
            assertThat(retried.deferred()).extracting(r -> r.recipient()).containsExactly("later@example.com");
            Receipt dead = told.stream().filter(t -> t.what().equals("DEAD")).findFirst().orElseThrow().receipt();
            assertThat(dead.refused()).anySatisfy(r -> {
                assertThat(r.recipient()).isEqualTo("nobody@example.com");
                assertThat(r.temporary()).isFalse();
            });
            assertThat(told.get(3).receipt().accepted()).containsExactly("later@example.com");
            assertThat(peer.deliveries()).containsOnly(Map.entry("now@example.com", 1), Map.entry("later@example.com", 1));
        } finally {
            queued.close();
        }
    }
}

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.IntStream;

import jakarta.enterprise.inject.spi.Extension;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.cdimail.EmailMessage;
import org.cdimail.Mailer;
import org.cdimail.queue.AliasQueue;
import org.cdimail.queue.Worker;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The queue's measurements for bench/queue.sh, run with `java -cp <the CLI's class path> QueueBench.java`:
 * enqueue of sendMassMail batches, durable end-to-end throughput (enqueue + deliver) of N messages
 * to an SMTP sink, and the latency of one queued send() next to one direct SMTP send().
 *
 * Arguments: SINK_PORT JOURNAL_DIR MESSAGES CONSUMERS LATENCY_SAMPLES
 */
public final class QueueBench {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path journal = Path.of(args[1]);
        int messages = Integer.parseInt(args[2]);
        int consumers = Integer.parseInt(args[3]);
        int samples = Integer.parseInt(args[4]);
        Map<String, String> properties = new HashMap<>();
        properties.put("mail.backend", "smtp");
        properties.put("mail.host", "127.0.0.1");
        properties.put("mail.port", String.valueOf(port));
        properties.put("mail.queue.enabled", "true");
        properties.put("mail.queue.directory", journal.toString());
        properties.put("mail.direct.backend", "smtp");
        properties.put("mail.direct.queue.enabled", "false");
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "bench", 500)).build();
        ClassLoader loader = Mailer.class.getClassLoader();
        ConfigProviderResolver.instance().registerConfig(config, loader);
        Weld weld = new Weld("queue-bench").disableDiscovery().skipShutdownHook().setClassLoader(loader)
                .addBeanClass(Class.forName("org.cdimail.cli.MailerClient", false, loader));
        ServiceLoader.load(Extension.class, loader).forEach(weld::addExtension);
        try (WeldContainer container = weld.initialize()) {
            Mailer queued = container.select(Mailer.class).get();
            Mailer direct = queued.using("direct");
            AliasQueue queue = AliasQueue.of(queued.connection()).orElseThrow();

            // Warm-up: JIT, broker, connections.
            queued.sendMassMail(batch(0, 500));
            try (Worker warm = queue.startWorker(consumers)) {
                warm.awaitEmpty(Duration.ofMinutes(5));
            }

            // 1. End to end: enqueue N (sendMassMail batches of 1,000), then deliver them all.
            long start = System.nanoTime();
            for (int i = 0; i < messages; i += 1000) {
                queued.sendMassMail(batch(i, Math.min(1000, messages - i)));
            }
            long enqueued = System.nanoTime();
            try (Worker worker = queue.startWorker(consumers)) {
                if (!worker.awaitEmpty(Duration.ofMinutes(30))) {
                    throw new IllegalStateException("not delivered within 30 minutes");
                }
                long done = System.nanoTime();
                double enqueueRate = messages / ((enqueued - start) / 1e9);
                double endToEnd = messages / ((done - start) / 1e9);
                System.out.printf("enqueue (sendMassMail batches of 1,000): %d messages in %.2f s = %.0f msg/s%n",
                        messages, (enqueued - start) / 1e9, enqueueRate);
                System.out.printf("durable end to end (enqueue + deliver, %d consumers): %d messages in %.2f s = %.0f msg/s (%s)%n",
                        consumers, messages, (done - start) / 1e9, endToEnd, worker.counts());
            }

            // 2. Latency of one send(): queued (durable enqueue) and direct SMTP.
            System.out.println("latency of one send(), " + samples + " samples: " + latency(queued, samples, "queued")
                    + "; " + latency(direct, samples, "direct SMTP"));
            try (Worker worker = queue.startWorker(consumers)) {
                worker.awaitEmpty(Duration.ofMinutes(5));
            }
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }

    private static String latency(Mailer mailer, int samples, String what) {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            mailer.sendMail("latency " + i, "body", "bench@example.com", List.of("latency" + i + "@example.com"));
            nanos.add(System.nanoTime() - t);
        }
        nanos.sort(null);
        return String.format("%s p50 %.2f ms, p99 %.2f ms", what, nanos.get(samples / 2) / 1e6,
                nanos.get(Math.min(samples - 1, (int) Math.ceil(samples * 0.99) - 1)) / 1e6);
    }

    private static List<EmailMessage> batch(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(i -> EmailMessage.builder().subject("bench " + i)
                .body("Message " + i + " of the queue bench.\n").from("bench@example.com")
                .to("rcpt" + i + "@example.com").build()).toList();
    }
}

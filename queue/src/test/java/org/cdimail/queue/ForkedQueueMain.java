package org.cdimail.queue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.cdimail.EmailMessage;

/**
 * The program the crash tests run in a JVM of its own, to kill it with {@code kill -9}:
 * {@code work DIR PORT} runs a worker of the embedded queue in DIR forever; {@code enqueue DIR
 * PORT N} enqueues N messages one at a time and prints {@code queued i} after each send returned;
 * {@code broker DIR BROKERPORT} runs the broker {@code cdi-mail broker} runs; {@code drain URL PORT
 * GOFILE} waits for GOFILE, then delivers the remote queue until it is empty and prints
 * {@code delivered N}.
 */
public final class ForkedQueueMain {

    private ForkedQueueMain() {
    }

    static Map<String, String> config(Path journal, int port) {
        Map<String, String> config = new HashMap<>();
        config.put("mail.backend", "smtp");
        config.put("mail.host", "127.0.0.1");
        config.put("mail.port", String.valueOf(port));
        config.put("mail.timeout", "PT5S");
        config.put("mail.queue.enabled", "true");
        config.put("mail.queue.directory", journal.toString());
        config.put("mail.queue.retry.initial-delay", "PT0.2S");
        config.put("mail.queue.retry.max-delay", "PT0.5S");
        return config;
    }

    static Map<String, String> remoteConfig(String url, int port) {
        Map<String, String> config = config(Path.of("unused"), port);
        config.put("mail.queue.url", url);
        return config;
    }

    private static void drain(String url, int port, Path go) {
        try (QueueRuntime runtime = QueueRuntime.start(remoteConfig(url, port))) {
            AliasQueue queue = runtime.queue();
            queue.pending(); // connected
            System.out.println("ready");
            System.out.flush();
            CrashTest.await("the go file", java.time.Duration.ofSeconds(120), () -> java.nio.file.Files.exists(go));
            try (Worker worker = queue.startWorker(2)) {
                worker.awaitEmpty(java.time.Duration.ofSeconds(120));
                System.out.println("delivered " + worker.counts().delivered());
                System.out.flush();
            }
        }
    }

    /** Enqueues one message with a file attachment of {@code size} bytes, deletes the file, delivers it. */
    private static void large(Path journal, int port, long size) {
        try (QueueRuntime runtime = QueueRuntime.start(config(journal, port))) {
            Path file = journal.resolveSibling("attachment.bin");
            try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(size);
            }
            runtime.mailer().sendMassMail(List.of(EmailMessage.builder().subject("large").body("see attached")
                    .from("sender@example.com").to("large@example.com").attachFile(file, "application/octet-stream")
                    .build()));
            java.nio.file.Files.delete(file); // the queue holds the rendered bytes
            System.out.println("queued, max heap " + Runtime.getRuntime().maxMemory());
            try (Worker worker = runtime.queue().startWorker(1)) {
                worker.awaitEmpty(java.time.Duration.ofMinutes(5));
                System.out.println("delivered " + worker.counts().delivered());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static EmailMessage message(int i) {
        return EmailMessage.builder().subject("crash " + i).body("body " + i).from("sender@example.com")
                .to("user" + i + "@example.com").build();
    }

    /**
     * @param args {@code work DIR PORT} or {@code enqueue DIR PORT N}
     * @throws InterruptedException never: the process is killed
     */
    public static void main(String[] args) throws InterruptedException {
        if (args[0].equals("broker")) {
            StandaloneBroker broker = StandaloneBroker.start(Path.of(args[1]), Integer.parseInt(args[2]));
            System.out.println("listening on " + broker.url());
            System.out.flush();
            new CountDownLatch(1).await();
        }
        if (args[0].equals("large")) {
            large(Path.of(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
            return;
        }
        if (args[0].equals("drain")) {
            drain(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
            return;
        }
        Path journal = Path.of(args[1]);
        int port = Integer.parseInt(args[2]);
        QueueRuntime runtime = QueueRuntime.start(config(journal, port));
        if (args[0].equals("work")) {
            runtime.queue().startWorker(2);
            System.out.println("working");
            System.out.flush();
            new CountDownLatch(1).await();
        } else {
            int n = Integer.parseInt(args[3]);
            for (int i = 0; i < n; i++) {
                runtime.mailer().sendMassMail(List.of(message(i)));
                System.out.println("queued " + i);
                System.out.flush();
            }
            runtime.close();
        }
    }
}

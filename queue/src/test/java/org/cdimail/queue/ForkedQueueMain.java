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
 * PORT N} enqueues N messages one at a time and prints {@code queued i} after each send returned.
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

    static EmailMessage message(int i) {
        return EmailMessage.builder().subject("crash " + i).body("body " + i).from("sender@example.com")
                .to("user" + i + "@example.com").build();
    }

    /**
     * @param args {@code work DIR PORT} or {@code enqueue DIR PORT N}
     * @throws InterruptedException never: the process is killed
     */
    public static void main(String[] args) throws InterruptedException {
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

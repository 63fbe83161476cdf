package org.cdimail.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.cdimail.BadHeaderException;
import org.cdimail.EmailMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A queued alias in a Weld SE container with the embedded broker, delivered by a worker to a scripted SMTP peer. */
class QueuedDeliveryTest {

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

    private QueueRuntime start() {
        Map<String, String> config = new HashMap<>();
        config.put("mail.backend", "smtp");
        config.put("mail.host", "127.0.0.1");
        config.put("mail.port", String.valueOf(peer.port()));
        config.put("mail.timeout", "PT5S");
        config.put("mail.queue.enabled", "true");
        config.put("mail.queue.directory", journal.toString());
        config.put("mail.queue.retry.initial-delay", "PT0.2S");
        config.put("mail.queue.retry.max-delay", "PT0.4S");
        return QueueRuntime.start(config);
    }

    private static EmailMessage message(int i, String... to) {
        return EmailMessage.builder().subject("queued " + i).body("body " + i).from("sender@example.com").to(to).build();
    }

    @Test
    void enqueuedMessagesAreDeliveredByAWorkerAndABadHeaderIsThrownAtEnqueueWithNothingQueued() throws Exception {
        try (QueueRuntime runtime = start()) {
            AliasQueue queue = runtime.queue();
            assertThatThrownBy(() -> runtime.mailer().sendMassMail(List.of(message(0, "a@example.com"),
                    EmailMessage.builder().subject("bad\r\nBcc: x@example.com").to("b@example.com").build())))
                    .isInstanceOf(BadHeaderException.class);
            assertThat(queue.pending()).isZero();

            int sent = runtime.mailer().sendMassMail(IntStream.range(0, 50)
                    .mapToObj(i -> message(i, "user" + i + "@example.com")).toList());
            assertThat(sent).isEqualTo(50);
            assertThat(queue.pending()).isEqualTo(50);
            assertThat(peer.messages()).isEmpty();

            try (Worker worker = queue.startWorker(2)) {
                assertThat(worker.awaitEmpty(Duration.ofSeconds(30))).isTrue();
                assertThat(worker.counts().delivered()).isEqualTo(50);
                assertThat(worker.counts().dead()).isZero();
            }
            assertThat(peer.deliveries()).hasSize(50).allSatisfy((recipient, count) -> assertThat(count).isEqualTo(1));
            assertThat(peer.messages()).anySatisfy(data -> assertThat(data).contains("Subject: queued 7"));
        }
    }

    @Test
    void deferredRecipientsAreRetriedAloneAndEachReceivesTheMessageOnceWhileRefusedOnesAreDeadWith550() throws Exception {
        peer.deferFirst("later@example.com", 2);
        peer.refuse("nobody@example.com");
        try (QueueRuntime runtime = start()) {
            AliasQueue queue = runtime.queue();
            runtime.mailer().sendMassMail(List.of(
                    message(1, "now@example.com", "later@example.com", "nobody@example.com")));
            try (Worker worker = queue.startWorker(1)) {
                assertThat(worker.awaitEmpty(Duration.ofSeconds(30))).isTrue();
                assertThat(worker.counts().deferred()).isEqualTo(2);
                assertThat(worker.counts().delivered()).isEqualTo(1);
                assertThat(worker.counts().dead()).isEqualTo(1);
            }
            assertThat(peer.deliveries()).containsOnly(Map.entry("now@example.com", 1), Map.entry("later@example.com", 1));
            assertThat(queue.deadLetterCodes()).containsExactly(550);
            assertThat(queue.deadLetters()).singleElement().asString().contains("550 5.1.1").contains("1 recipient(s)")
                    .doesNotContain("@example.com");

            assertThat(queue.retryDead()).isEqualTo(1);
            assertThat(queue.deadLetters()).isEmpty();
            assertThat(queue.pending()).isEqualTo(1);
            try (Worker again = queue.startWorker(1)) {
                assertThat(again.awaitEmpty(Duration.ofSeconds(30))).isTrue();
                assertThat(again.counts().dead()).isEqualTo(1); // still refused: dead again, for that recipient only
            }
            assertThat(peer.deliveries()).doesNotContainKey("nobody@example.com");
            assertThat(queue.purgeDead()).isEqualTo(1);
            assertThat(queue.deadLetters()).isEmpty();
        }
    }

    @Test
    void aServerOutageMidRunDefersAndEverythingIsDeliveredOnceItIsBackWithNothingDead() throws Exception {
        int messages = 300;
        try (QueueRuntime runtime = start()) {
            AliasQueue queue = runtime.queue();
            runtime.mailer().sendMassMail(IntStream.range(0, messages)
                    .mapToObj(i -> message(i, "user" + i + "@example.com")).toList());
            peer.outageAfter(messages / 6);
            try (Worker worker = queue.startWorker(2)) {
                CrashTest.await("deliveries deferred during the outage", Duration.ofSeconds(30),
                        () -> worker.counts().deferred() >= 10, () -> worker.counts() + ", peer received "
                                + peer.deliveries().size() + ", pending " + queue.pending());
                peer.restart();
                assertThat(worker.awaitEmpty(Duration.ofSeconds(60))).isTrue();
                assertThat(worker.counts().dead()).isZero();
                assertThat(peer.deliveries()).hasSize(messages);
                int duplicates = peer.deliveries().values().stream().mapToInt(c -> c - 1).sum();
                assertThat((long) duplicates).isLessThanOrEqualTo(worker.counts().uncertain());
                System.out.printf("QueuedDeliveryTest: outage: %s; %d duplicates%n", worker.counts(), duplicates);
            }
        }
    }

    @Test
    void aMessageLargerThanTheInMemoryLimitTravelsAsAnArtemisLargeMessageWithEveryByte() throws Exception {
        byte[] attachment = new byte[3 * Spool.IN_MEMORY];
        new java.util.Random(42).nextBytes(attachment);
        try (QueueRuntime runtime = start()) {
            runtime.mailer().sendMassMail(List.of(EmailMessage.builder().subject("big").body("attached")
                    .from("sender@example.com").to("big@example.com").attach("data.bin", attachment, "application/octet-stream")
                    .build()));
            try (Worker worker = runtime.queue().startWorker(1)) {
                assertThat(worker.awaitEmpty(Duration.ofSeconds(30))).isTrue();
            }
        }
        String data = peer.messages().get(0);
        String base64 = java.util.Base64.getMimeEncoder().encodeToString(attachment).replace("\r\n", "\n");
        assertThat(data).contains(base64.substring(0, 200)).contains(base64.substring(base64.length() - 200));
        assertThat(data.length()).isGreaterThan(base64.length());
    }
}

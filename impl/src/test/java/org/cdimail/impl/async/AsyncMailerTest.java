package org.cdimail.impl.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.cdimail.AsyncMailer;
import org.cdimail.BadHeaderException;
import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Mailer;
import org.cdimail.Outbox;
import org.cdimail.Receipt;
import org.cdimail.SendOptions;
import org.cdimail.impl.support.CapturedLog;
import org.cdimail.impl.support.MailContainer;
import org.cdimail.impl.support.ScriptedSmtpServer;
import org.cdimail.impl.support.TestNaming;

/** {@code Mailer.async()}: stages of receipts, the bound on pending sends, the executors, and shutdown. */
class AsyncMailerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TO = "ada@example.com";

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private ScriptedSmtpServer smtp() throws Exception {
        return opened(ScriptedSmtpServer.start());
    }

    private MailContainer smtpContainer(ScriptedSmtpServer server, String... more) {
        return opened(MailContainer.with("mail.host", "127.0.0.1", "mail.port", Integer.toString(server.port()))
                .config(more).start());
    }

    private static EmailMessage message(String subject) {
        return EmailMessage.builder().subject(subject).body("body").from("shop@example.com").to(TO).build();
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // poll the condition, not a fixed delay
        }
    }

    private static <T> T result(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the stage completed normally");
    }

    @Test
    void aSendReturnsBeforeASlowServerAnswersAndCompletesWithItsReceiptAfterwards() throws Exception {
        ScriptedSmtpServer server = smtp().holdingReplies();
        Mailer mailer = smtpContainer(server).select(Mailer.class);

        CompletionStage<Receipt> stage = mailer.async().sendMail("Welcome", "Hello", "shop@example.com", List.of(TO));

        await(() -> server.heldReplies() > 0, "the send connects in the background");
        assertThat(stage.toCompletableFuture()).as("the server has not answered yet").isNotDone();
        assertThat(server.received()).isEmpty();
        server.releaseReplies();
        Receipt receipt = result(stage);
        assertThat(receipt.status()).isEqualTo(Receipt.Status.SENT);
        assertThat(receipt.accepted()).containsExactly(TO);
        assertThat(receipt.replyCode()).hasValue(250);
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void everyMethodCompletesWithTheReceiptsOfItsMessages() throws Exception {
        MailContainer container = opened(MailContainer.with("mail.backend", "locmem", "mail.managers",
                "bob@example.com").start());
        AsyncMailer async = container.select(Mailer.class).async();

        assertThat(result(async.sendMassMail(List.of(message("one"), message("two")))))
                .extracting(Receipt::status).containsExactly(Receipt.Status.SENT, Receipt.Status.SENT);
        assertThat(result(async.send(message("three"))).index()).isZero();
        assertThat(result(async.deliver(List.of(message("four"))))).hasSize(1);
        assertThat(result(async.mailAdmins("nobody", "is configured"))).as("no admins: nothing sent").isEmpty();
        assertThat(result(async.mailManagers("Report", "text")).get(0).accepted()).containsExactly("bob@example.com");
        assertThat(async.alias()).isEqualTo("default");
        assertThat(container.select(Outbox.class).messages()).extracting(EmailMessage::subject)
                .containsExactlyInAnyOrder("one", "two", "three", "four", "[cdi-mail] Report");
    }

    @Test
    void aFailureCompletesTheStageWithWhatTheSynchronousMethodThrows() throws Exception {
        ScriptedSmtpServer server = smtp().refusing(TO);
        Mailer mailer = smtpContainer(server).select(Mailer.class);

        Throwable failure = failure(mailer.async().send(message("refused")));

        assertThat(failure).isInstanceOf(MailDeliveryException.class);
        Receipt receipt = ((MailDeliveryException) failure).receipts().get(0);
        assertThat(receipt.status()).isEqualTo(Receipt.Status.NOT_SENT);
        assertThat(receipt.refused().get(0).code()).hasValue(550);
    }

    @Test
    void withFailSilentlyTheStageCompletesWithReceiptsThatShowTheFailure() throws Exception {
        ScriptedSmtpServer server = smtp().refusing(TO);
        Mailer mailer = smtpContainer(server).select(Mailer.class);

        Receipt receipt = result(mailer.async().sendMail("s", "b", null, List.of(TO),
                SendOptions.builder().failSilently(true).build()));

        assertThat(receipt.status()).isEqualTo(Receipt.Status.NOT_SENT);
        assertThat(receipt.refused()).singleElement().satisfies(r -> assertThat(r.recipient()).isEqualTo(TO));
    }

    @Test
    void aBadArgumentIsThrownAtOnceAsTheSynchronousMethodWouldThrowIt() {
        MailContainer container = opened(MailContainer.with("mail.backend", "locmem").start());
        AsyncMailer async = container.select(Mailer.class).async();

        assertThatThrownBy(() -> async.send(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> async.sendMail("Hi\r\nBcc: eve@example.com", "b", null, List.of(TO)))
                .isInstanceOf(BadHeaderException.class);
        assertThat(container.select(Outbox.class).messages()).isEmpty();
    }

    @Test
    void beyondMaxPendingAStageFailsAtOnceNamingTheKey() throws Exception {
        ScriptedSmtpServer server = smtp().holdingReplies();
        AsyncMailer async = smtpContainer(server, "mail.async.threads", "1", "mail.async.max-pending", "2")
                .select(Mailer.class).async();

        CompletionStage<Receipt> first = async.send(message("first"));
        CompletionStage<Receipt> second = async.send(message("second"));
        CompletionStage<Receipt> third = async.send(message("third"));

        assertThat(third.toCompletableFuture()).as("refused at once").isCompletedExceptionally();
        assertThat(failure(third)).isInstanceOf(MailException.class).hasMessageContaining("CDIMAIL-00365")
                .hasMessageContaining("mail.async.max-pending").hasMessageNotContaining("@");
        server.releaseReplies();
        assertThat(result(first).status()).isEqualTo(Receipt.Status.SENT);
        assertThat(result(second).status()).isEqualTo(Receipt.Status.SENT);
        assertThat(result(async.send(message("fourth"))).status()).as("room again").isEqualTo(Receipt.Status.SENT);
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void stoppingTheContainerFinishesThePendingSends() throws Exception {
        ScriptedSmtpServer server = smtp().delayingReplies(Duration.ofMillis(40));
        MailContainer container = smtpContainer(server, "mail.async.threads", "1");
        AsyncMailer async = container.select(Mailer.class).async();
        List<CompletableFuture<Receipt>> stages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stages.add(async.send(message("pending " + i)).toCompletableFuture());
        }
        assertThat(stages.get(2)).as("the last one waits behind the others").isNotDone();

        container.close();

        assertThat(stages).allSatisfy(stage -> assertThat(stage).isCompleted());
        for (CompletableFuture<Receipt> stage : stages) {
            assertThat(stage.join().status()).isEqualTo(Receipt.Status.SENT);
        }
        assertThat(server.received()).hasSize(3);
        assertThat(failure(async.send(message("late")))).as("no send is accepted once stopped")
                .hasMessageContaining("CDIMAIL-00366");
    }

    @Test
    void sendsThatCannotFinishWithinTheShutdownTimeoutAreCompletedExceptionallyAndCounted() throws Exception {
        ScriptedSmtpServer server = smtp().holdingReplies();
        MailContainer container = smtpContainer(server, "mail.async.threads", "1",
                "mail.async.shutdown-timeout", "PT0.3S");
        AsyncMailer async = container.select(Mailer.class).async();
        List<CompletableFuture<Receipt>> stages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stages.add(async.send(message("stuck " + i)).toCompletableFuture());
        }
        await(() -> server.heldReplies() > 0, "the first send is talking to the server");

        try (CapturedLog log = CapturedLog.of(AsyncSends.class)) {
            long start = System.nanoTime();
            container.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);

            for (CompletableFuture<Receipt> stage : stages) {
                assertThat(failure(stage)).isInstanceOf(MailException.class).hasMessageContaining("CDIMAIL-00367")
                        .hasMessageContaining("mail.async.shutdown-timeout");
            }
            assertThat(log.lines()).singleElement().asString().startsWith("WARNING CDIMAIL-00367")
                    .contains("3 asynchronous sends were not finished").contains("default=3")
                    .contains("2 were not sent, 1 were being delivered").doesNotContain("@");
        } finally {
            server.releaseReplies();
        }
        await(() -> server.received().size() == 1, "the send in flight ends");
        assertThat(server.received()).as("the two never started are not sent").hasSize(1);
    }

    @Test
    void theContainersManagedExecutorServiceRunsTheSendsWhenThereIsOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        opened(pool::shutdownNow);
        AtomicInteger ran = new AtomicInteger();
        java.util.concurrent.Executor managed = task -> pool.execute(() -> {
            ran.incrementAndGet();
            task.run();
        });
        opened(TestNaming.bind(Map.of("java:comp/DefaultManagedExecutorService", managed)));
        MailContainer container = opened(MailContainer.with("mail.backend", "locmem").start());
        AsyncMailer async = container.select(Mailer.class).async();

        assertThat(result(async.send(message("managed"))).status()).isEqualTo(Receipt.Status.SENT);
        assertThat(ran).hasValue(1);

        pool.shutdown(); // as a server's executor once the application is stopping
        try (CapturedLog log = CapturedLog.of(AsyncSends.class)) {
            CompletionStage<Receipt> refused = async.send(message("refused"));
            assertThat(refused.toCompletableFuture()).as("failed at once").isCompletedExceptionally();
            assertThat(failure(refused)).hasMessageContaining("CDIMAIL-00368");
            assertThat(log.lines()).singleElement().asString().startsWith("WARNING CDIMAIL-00368");
        }
        assertThat(container.select(Outbox.class).messages()).extracting(EmailMessage::subject)
                .containsExactly("managed");
    }

    @Test
    void anInvalidAsyncSettingFailsTheDeploymentNamingTheKey() {
        assertThatThrownBy(() -> opened(MailContainer.with("mail.backend", "locmem",
                "mail.async.threads", "0").start())).hasStackTraceContaining("mail.async.threads")
                .hasStackTraceContaining("CDIMAIL-00202");
        assertThatThrownBy(() -> opened(MailContainer.with("mail.backend", "locmem",
                "mail.async.shutdown-timeout", "soon").start())).hasStackTraceContaining("mail.async.shutdown-timeout");
    }
}

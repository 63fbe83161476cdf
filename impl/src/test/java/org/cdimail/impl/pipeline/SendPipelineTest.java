package org.cdimail.impl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Mailer;
import org.cdimail.Outbox;
import org.cdimail.Receipt;
import org.cdimail.Refusal;
import org.cdimail.SendOptions;
import org.cdimail.event.AfterSend;
import org.cdimail.event.BeforeSend;
import org.cdimail.event.SendFailed;
import org.cdimail.impl.support.MailContainer;
import org.cdimail.inject.Backend;
import org.cdimail.spi.BackendType;
import org.cdimail.spi.EmailBackend;

/**
 * The pipeline in a container, on every path (the {@code Mailer}'s methods, {@code deliver}, an
 * injected connection) and for built-in and custom backends: events fired only when observed,
 * synchronous and asynchronous observers, observers that throw, governance that refuses or fails.
 */
class SendPipelineTest {

    private MailContainer container;

    /** Vetoes the blocked domain and stamps the rest; records the outcomes. */
    @ApplicationScoped
    public static class Observer {
        static final List<AfterSend> SENT = new CopyOnWriteArrayList<>();
        static final List<SendFailed> FAILED = new CopyOnWriteArrayList<>();

        void vetoOrStamp(@Observes BeforeSend event) {
            if (event.message().recipients().stream().anyMatch(r -> r.endsWith("@blocked.example"))) {
                event.veto("blocked domain");
            } else {
                event.replace(event.message().toBuilder().header("X-Checked-By", "observer").build());
            }
        }

        void sent(@Observes AfterSend event) {
            SENT.add(event);
        }

        void failed(@Observes SendFailed event) {
            FAILED.add(event);
        }
    }

    /** Only asynchronous observers. */
    @ApplicationScoped
    public static class AsyncObserver {
        static final List<BeforeSend> ANNOUNCED = new CopyOnWriteArrayList<>();
        static final List<AfterSend> SENT = new CopyOnWriteArrayList<>();
        static final List<SendFailed> FAILED = new CopyOnWriteArrayList<>();
        static final List<String> THREADS = new CopyOnWriteArrayList<>();

        void announced(@ObservesAsync BeforeSend event) {
            THREADS.add(Thread.currentThread().getName());
            ANNOUNCED.add(event);
        }

        void sent(@ObservesAsync AfterSend event) {
            SENT.add(event);
        }

        void failed(@ObservesAsync SendFailed event) {
            FAILED.add(event);
        }
    }

    /** Observers that throw. */
    @ApplicationScoped
    public static class ThrowingObserver {
        void explodeBefore(@Observes BeforeSend event) {
            if (event.message().subject().contains("explode")) {
                throw new IllegalStateException("the observer refuses");
            }
        }

        void explodeAfter(@Observes AfterSend event) {
            throw new IllegalStateException("the observer is broken");
        }
    }

    /** Observes something else, and the mail events only with a qualifier cdi-mail never fires with. */
    @ApplicationScoped
    public static class UnrelatedObserver {
        void string(@Observes String event) {
        }

        void qualified(@Observes @Backend("elsewhere") AfterSend event) {
        }
    }

    /** A connection injected into an application bean. */
    @Dependent
    public static class Injected {
        @Inject
        @Backend("locmem")
        EmailBackend connection;
    }

    /** A custom backend whose deliver throws a plain {@link MailException}. */
    @BackendType("broken")
    @Dependent
    public static class BrokenBackend implements EmailBackend {
        @Override
        public List<Receipt> deliver(List<EmailMessage> messages) {
            throw new MailException("CDIMAIL-09999: the broken backend is down");
        }
    }

    @BeforeEach
    void reset() {
        Observer.SENT.clear();
        Observer.FAILED.clear();
        AsyncObserver.ANNOUNCED.clear();
        AsyncObserver.SENT.clear();
        AsyncObserver.FAILED.clear();
        AsyncObserver.THREADS.clear();
    }

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
    }

    private MailContainer start(Class<?>[] beans, String... config) {
        container = MailContainer.with("mail.backend", "locmem").config(config).beans(beans).start();
        return container;
    }

    private Mailer mailer(Class<?>[] beans, String... config) {
        return start(beans, config).select(Mailer.class);
    }

    private Outbox outbox() {
        return container.select(Outbox.class);
    }

    private static Class<?>[] beans(Class<?>... classes) {
        return classes;
    }

    private static EmailMessage message(String subject, String... to) {
        return EmailMessage.builder().subject(subject).body("Body").from("app@example.com").to(to).build();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not within 10 s: " + what).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos()); // polls the condition, not a fixed delay
        }
    }

    @Test
    void withoutObserversOrGovernanceTheConnectionIsTheBackendsOwn() {
        Mailer mailer = mailer(beans(UnrelatedObserver.class));
        try (EmailBackend connection = mailer.connection()) {
            assertThat(connection).isNotInstanceOf(PipelineConnection.class);
        }
        assertThat(mailer.send(message("Hi", "ada@example.com"))).isEqualTo(1);
    }

    @Test
    void anObserverOrAGovernanceKeyPutsThePipelineInFront() {
        try (EmailBackend connection = mailer(beans(Observer.class)).connection()) {
            assertThat(connection).isInstanceOf(PipelineConnection.class);
        }
        container.close();
        try (EmailBackend connection = mailer(beans(), "mail.allowed-recipients", "*@example.com").connection()) {
            assertThat(connection).isInstanceOf(PipelineConnection.class);
        }
    }

    @Test
    void theMailersCountsStayDjangosWithVetoesAndMessagesWithoutRecipients() {
        Mailer mailer = mailer(beans(Observer.class));
        int sent = mailer.sendMassMail(List.of(message("To Ada", "ada@example.com"), message("Blocked", "x@blocked.example"),
                message("Nobody"), message("To Bob", "bob@example.com")));

        assertThat(sent).isEqualTo(2);
        assertThat(outbox().messages()).extracting(EmailMessage::subject).containsExactly("To Ada", "To Bob");
        assertThat(outbox().messages()).allSatisfy(m -> assertThat(m.headers()).containsEntry("X-Checked-By", "observer"));
        assertThat(Observer.SENT).extracting(e -> e.receipt().index()).containsExactly(0, 3);
        assertThat(Observer.FAILED).as("neither a veto nor a message without recipients is a failure").isEmpty();
    }

    @Test
    void anInjectedConnectionGoesThroughThePipeline() {
        start(beans(Observer.class, Injected.class));
        EmailBackend connection = container.select(Injected.class).connection;

        List<Receipt> receipts = connection.deliver(List.of(message("Blocked", "x@blocked.example"),
                message("Fine", "ada@example.com")));

        assertThat(receipts).extracting(Receipt::index, Receipt::sent)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, false), org.assertj.core.groups.Tuple.tuple(1, true));
        assertThat(connection.sendMessages(List.of(message("Blocked again", "y@blocked.example")))).isZero();
        assertThat(container.select(Outbox.class, Backend.Literal.of("locmem")).messages()).singleElement()
                .satisfies(m -> assertThat(m.headers()).containsKey("X-Checked-By"));
        assertThat(Observer.SENT).singleElement().satisfies(e -> assertThat(e.alias()).isEqualTo("locmem"));
    }

    @Test
    void asynchronousObserversAreToldOfEveryEvent() {
        Mailer mailer = mailer(beans(AsyncObserver.class, BrokenBackend.class), "mail.broken.backend", "broken");

        assertThat(mailer.send(message("Hi", "ada@example.com"))).isEqualTo(1);
        catchThrowableOfType(MailException.class, () -> mailer.using("broken").send(message("Lost", "bob@example.com")));

        await(() -> AsyncObserver.ANNOUNCED.size() == 2 && AsyncObserver.SENT.size() == 1
                && AsyncObserver.FAILED.size() == 1, "the asynchronous observers");
        assertThat(AsyncObserver.ANNOUNCED).allSatisfy(e -> assertThat(catchThrowableOfType(IllegalStateException.class,
                () -> e.veto("too late"))).as("decided before the asynchronous observers").isNotNull());
        assertThat(AsyncObserver.SENT.get(0).receipt().accepted()).containsExactly("ada@example.com");
        assertThat(AsyncObserver.FAILED.get(0).alias()).isEqualTo("broken");
    }

    @Test
    void aSynchronousBeforeSendObserverThatThrowsStopsTheWholeBatch() {
        Mailer mailer = mailer(beans(ThrowingObserver.class));

        IllegalStateException e = catchThrowableOfType(IllegalStateException.class, () -> mailer.sendMassMail(List.of(
                message("Fine", "ada@example.com"), message("Please explode", "bob@example.com"))));

        assertThat(e).hasMessage("the observer refuses");
        assertThat(outbox().messages()).as("nothing of the batch was sent").isEmpty();
    }

    @Test
    void anAfterSendObserverThatThrowsDoesNotTurnADeliveryIntoAFailure() {
        Mailer mailer = mailer(beans(ThrowingObserver.class));

        assertThat(mailer.send(message("Fine", "ada@example.com"))).isEqualTo(1);
        assertThat(outbox().messages()).hasSize(1);
    }

    @Test
    void aBackendThatThrowsWithoutReceiptsIsReportedPerMessageAndTheExceptionReachesTheCaller() {
        Mailer mailer = mailer(beans(Observer.class, BrokenBackend.class), "mail.backend", "broken");

        MailException e = catchThrowableOfType(MailException.class, () -> mailer.sendMassMail(List.of(
                message("One", "ada@example.com"), message("Blocked", "x@blocked.example"),
                message("Two", "bob@example.com"))));

        assertThat(e).as("rethrown as it was").isExactlyInstanceOf(MailException.class)
                .hasMessageStartingWith("CDIMAIL-09999");
        assertThat(Observer.FAILED).extracting(f -> f.receipt().index()).as("indexes of the caller's batch")
                .containsExactly(0, 2);
        assertThat(Observer.FAILED).extracting(f -> f.receipt().status()).containsOnly(Receipt.Status.NOT_SENT);
        assertThat(Observer.FAILED).allSatisfy(f -> {
            assertThat(f.reason()).isEqualTo("CDIMAIL-09999");
            assertThat(f.temporary()).isTrue();
            assertThat(f.outcome()).isEqualTo(SendFailed.Outcome.REPORTED);
        });
    }

    @Test
    void anAsynchronousFailureObserverLearnsTheRecipientsOfAPlainMailException() {
        Mailer mailer = mailer(beans(AsyncObserver.class, BrokenBackend.class), "mail.backend", "broken");

        MailException e = catchThrowableOfType(MailException.class, () -> mailer.send(message("One", "ada@example.com")));

        assertThat(e).isExactlyInstanceOf(MailException.class).hasMessageStartingWith("CDIMAIL-09999");
        await(() -> AsyncObserver.FAILED.size() == 1, "the failure");
        assertThat(AsyncObserver.FAILED.get(0).receipt().refused()).singleElement()
                .satisfies(r -> assertThat(r.recipient()).isEqualTo("ada@example.com"));
    }

    @Test
    void redirectToReachesTheOutboxWithTheOriginalRecipientsInHeaders() {
        Mailer mailer = mailer(beans(), "mail.redirect-to", "qa@example.com");

        List<Receipt> receipts = mailer.deliver(List.of(message("Hi", "ada@customer.example", "bob@customer.example")));

        assertThat(receipts.get(0).accepted()).containsExactly("qa@example.com");
        assertThat(outbox().messages()).singleElement().satisfies(m -> {
            assertThat(m.recipients()).containsExactly("qa@example.com");
            assertThat(m.headers()).containsEntry("X-Original-To", "ada@customer.example, bob@customer.example");
        });
    }

    @Test
    void disallowedRecipientsFailThrowsNamingTheKeyAndSendsNothingOfTheBatch() {
        Mailer mailer = mailer(beans(Observer.class), "mail.allowed-recipients", "*@example.com",
                "mail.default.disallowed-recipients", "fail");

        MailDeliveryException e = catchThrowableOfType(MailDeliveryException.class, () -> mailer.sendMassMail(List.of(
                message("Fine", "ada@example.com"), message("Outside", "eve@elsewhere.example"))));

        assertThat(e).hasMessageStartingWith("CDIMAIL-00322").hasMessageContaining("mail.allowed-recipients")
                .hasMessageContaining("mail.default.disallowed-recipients").hasMessageNotContaining("elsewhere");
        assertThat(e.receipts()).extracting(Receipt::status).containsExactly(Receipt.Status.NOT_ATTEMPTED,
                Receipt.Status.NOT_SENT);
        assertThat(e.receipts().get(1).refused()).containsExactly(
                Refusal.byPolicy("eve@elsewhere.example", "not in allowed-recipients"));
        assertThat(outbox().messages()).isEmpty();
        assertThat(Observer.SENT).isEmpty();
        assertThat(Observer.FAILED).isEmpty();
    }

    @Test
    void disallowedRecipientsFailWithFailSilentlyDropsOnlyThatMessage() {
        Mailer mailer = mailer(beans(), "mail.allowed-recipients", "*@example.com", "mail.disallowed-recipients", "fail");

        int sent = mailer.sendMassMail(List.of(message("Fine", "ada@example.com"),
                message("Outside", "bob@example.com", "eve@elsewhere.example")), SendOptions.builder().failSilently(true).build());

        assertThat(sent).isEqualTo(1);
        assertThat(outbox().messages()).extracting(EmailMessage::subject).containsExactly("Fine");
    }

    @Test
    void aQueuedAliasAnnouncesAndGovernsBeforeEnqueueButTellsNoAfterSendAtEnqueue() {
        start(beans(Observer.class));
        Observers observers = new Observers();
        observers.add(BeforeSend.class, Set.of(), false);
        observers.add(AfterSend.class, Set.of(), false);
        observers.add(SendFailed.class, Set.of(), false);
        EventBus bus = new EventBus(observers, container.weld().getBeanManager());
        SendPipeline pipeline = new SendPipeline(new MailEvents("queued", bus), RecipientPolicy.NONE, true);
        List<EmailMessage> enqueued = new CopyOnWriteArrayList<>();
        EmailBackend queue = new EmailBackend() {
            @Override
            public List<Receipt> deliver(List<EmailMessage> messages) {
                enqueued.addAll(messages);
                return java.util.stream.IntStream.range(0, messages.size()).mapToObj(i -> i == 1
                        ? Receipt.builder(i, messages.get(i)).failure("CDIMAIL-00575: broker down")
                                .refused(Refusal.byFailure(messages.get(i).recipients().get(0), 0, true, "not queued")).build()
                        : Receipt.builder(i, messages.get(i)).accepted(messages.get(i).recipients()).queueId("ID:1").build())
                        .toList();
            }
        };

        List<Receipt> receipts = pipeline.wrap(queue, true).deliver(List.of(message("Blocked", "x@blocked.example"),
                message("Queued", "ada@example.com"), message("Not queued", "bob@example.com")));

        assertThat(enqueued).extracting(EmailMessage::subject).containsExactly("Queued", "Not queued");
        assertThat(enqueued).allSatisfy(m -> assertThat(m.headers()).containsKey("X-Checked-By"));
        assertThat(receipts).extracting(Receipt::index).containsExactly(0, 1, 2);
        assertThat(Observer.SENT).as("AfterSend comes from the queue's workers").isEmpty();
        assertThat(Observer.FAILED).singleElement().satisfies(f -> {
            assertThat(f.alias()).isEqualTo("queued");
            assertThat(f.receipt().index()).isEqualTo(2);
            assertThat(f.reason()).isEqualTo("CDIMAIL-00575");
        });
    }

    @Test
    void observersWithOtherQualifiersOrTypesDoNotCount() {
        Observers observers = new Observers();
        observers.add(String.class, Set.of(), false);
        observers.add(AfterSend.class, Set.of(Backend.Literal.of("x")), false);
        assertThat(Observers.EVENTS).noneMatch(observers::any);
        observers.add(Object.class, Set.of(jakarta.enterprise.inject.Any.Literal.INSTANCE), true);
        assertThat(Observers.EVENTS).allMatch(observers::async).noneMatch(observers::sync);
    }
}

package org.cdimail.tck.async;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.cdimail.AsyncMailer;
import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.Refusal;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.AsyncContract;
import org.cdimail.tck.events.SendEventLog;
import org.cdimail.tck.events.SendPipelineTestBase;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * {@link AsyncMailer}, {@code mailer.async()}, run once per backend: every method returns a stage
 * that completes with the receipts once the backend has answered, so the mail is delivered by
 * then; a failure completes it exceptionally with the exception the synchronous method throws,
 * or, with fail-silently, normally with receipts that show the failure; the events are fired as
 * for a synchronous send. Stages are awaited with a deadline. Subclasses name the backend and
 * declare the deployment with {@link #deployment(Class)}.
 */
@AsyncContract
public abstract class AsyncMailerContract extends SendPipelineTestBase {

    /** The administrator {@code mail_admins} sends to. */
    protected static final String ADMIN = "admin@example.com";
    /** The subject prefix of {@code mail_admins}. */
    protected static final String PREFIX = "[tck] ";

    /**
     * The deployment of a subclass: the {@code default} alias on the backend under test,
     * {@value #FAILING} failing, {@code mail.admins} set and {@code mail.managers} empty.
     *
     * @param testClass the subclass
     * @return the deployment
     */
    protected static WebArchive deployment(Class<? extends AsyncMailerContract> testClass) {
        return pipelineDeployment(testClass).config("mail.admins", ADMIN).config("mail.subject-prefix", PREFIX).build();
    }

    /**
     * Issue 15 item 1: {@code async().send} completes with the message's receipt, and the message
     * has been delivered by then; the asynchronous mailer belongs to the same alias.
     */
    @Assertion(id = "async-send-completes-with-the-receipt", strategy = Strategy.ADDED)
    public void sendCompletesWithTheReceiptOnceDelivered() {
        AsyncMailer async = mailer.async();
        assertEquals("default", async.alias());
        assertEquals(FAILING, mailer.using(FAILING).async().alias());
        Receipt receipt = await(async.send(message("Async send").cc("cc@example.com").build()));
        assertAll(
                () -> assertEquals(Receipt.Status.SENT, receipt.status()),
                () -> assertEquals(List.of(TO, "cc@example.com"), receipt.accepted()),
                () -> assertEquals("Async send", receipt.message().map(EmailMessage::subject).orElse(null)));
        assumeKeepsMessages();
        assertEquals(List.of("Async send"), subjects(), "delivered when the stage completed");
    }

    /** Issue 15 item 1 ("for every send method"): {@code sendMail} completes with its receipt. */
    @Assertion(id = "async-send-mail", strategy = Strategy.ADDED)
    public void sendMailCompletesWithItsReceipt() {
        Receipt receipt = await(mailer.async().sendMail("Async sendMail", "x", FROM, List.of(TO)));
        assertEquals(Receipt.Status.SENT, receipt.status());
        assertEquals(List.of(TO), receipt.accepted());
        assumeKeepsMessages();
        assertEquals(List.of("Async sendMail"), subjects());
    }

    /**
     * Issue 15 item 1: {@code sendMassMail} and {@code deliver} complete with a receipt per
     * message, in order.
     */
    @Assertion(id = "async-send-mass-mail-receipt-per-message", strategy = Strategy.ADDED)
    public void sendMassMailCompletesWithAReceiptPerMessage() {
        List<String> mass = List.of("Async mass one", "Async mass two", "Async mass three");
        List<Receipt> massReceipts = await(mailer.async().sendMassMail(mass.stream().map(s -> message(s).build()).toList()));
        List<Receipt> deliverReceipts = await(mailer.async().deliver(List.of(message("Async deliver one").build(),
                message("Async deliver two").build())));
        for (List<Receipt> receipts : List.of(massReceipts, deliverReceipts)) {
            for (int i = 0; i < receipts.size(); i++) {
                assertEquals(i, receipts.get(i).index());
                assertEquals(Receipt.Status.SENT, receipts.get(i).status());
            }
        }
        assertEquals(mass, massReceipts.stream().map(r -> r.message().orElseThrow().subject()).toList());
        assertEquals(2, deliverReceipts.size());
        assumeKeepsMessages();
        assertEquals(List.of("Async mass one", "Async mass two", "Async mass three", "Async deliver one",
                "Async deliver two"), subjects());
    }

    /**
     * Issue 15 item 1: {@code mailAdmins} completes with the receipt of its one message;
     * {@code mailManagers} with no managers configured completes with none.
     */
    @Assertion(id = "async-mail-admins", strategy = Strategy.ADDED)
    public void mailAdminsCompletesWithItsReceipts() {
        List<Receipt> admins = await(mailer.async().mailAdmins("Async admins", "x"));
        assertEquals(1, admins.size());
        assertEquals(List.of(ADMIN), admins.get(0).accepted());
        assertEquals(List.of(), await(mailer.async().mailManagers("Async managers", "x")));
        assumeKeepsMessages();
        assertEquals(List.of(PREFIX + "Async admins"), subjects());
    }

    /**
     * {@code AsyncMailer} javadoc: a failure completes the stage exceptionally with the exception
     * the synchronous method throws (a {@link MailException}); nothing is delivered.
     */
    @Assertion(id = "async-failure-completes-exceptionally", strategy = Strategy.ADDED)
    public void aFailureCompletesExceptionallyWithTheSynchronousException() {
        MailException synchronous = assertThrows(MailException.class,
                () -> mailer.using(FAILING).send(message("Sync failure").build()));
        Throwable asynchronous = awaitFailure(mailer.using(FAILING).async().send(message("Async failure").build()));
        assertSame(synchronous.getClass(), asynchronous.getClass(), () -> "the synchronous exception: " + asynchronous);
        Throwable batch = awaitFailure(mailer.using(FAILING).async().sendMassMail(List.of(message("Async mass failure").build())));
        assertInstanceOf(MailException.class, batch);
        assertEquals(List.of(), subjects());
    }

    /**
     * {@code AsyncMailer} javadoc, for a recipient the backend refuses: the stage completes with
     * a {@link MailDeliveryException} whose receipt shows the refusal; with fail-silently it
     * completes normally with the receipt of a partly sent message. Skipped for a backend that
     * cannot be made to refuse a recipient.
     */
    @Assertion(id = "async-refusal-completes-with-mail-delivery-exception", strategy = Strategy.ADDED)
    public void aRefusalCompletesExceptionallyWithItsReceipts() {
        assumeRefuses(REFUSED);
        Throwable failure = awaitFailure(mailer.async().send(message("Async refused").to(REFUSED).build()));
        MailDeliveryException delivery = assertInstanceOf(MailDeliveryException.class, failure);
        assertEquals(List.of(REFUSED), delivery.invalid());
        assertEquals(0, delivery.messagesSent());
        Throwable batch = awaitFailure(mailer.async().deliver(List.of(message("Async refused batch").to(REFUSED).build())));
        List<Receipt> receipts = assertInstanceOf(MailDeliveryException.class, batch).receipts();
        assertEquals(1, receipts.size());
        assertEquals(Receipt.Status.NOT_SENT, receipts.get(0).status());
        assertEquals(OptionalInt.of(550), receipts.get(0).refused().get(0).code());
        Receipt partly = await(mailer.async().send(message("Async partly").to(TO, REFUSED).build(), FAIL_SILENTLY));
        assertEquals(Receipt.Status.PARTLY_SENT, partly.status(), "with fail-silently, the receipt shows the refusal");
        assertEquals(List.of(REFUSED), partly.refused().stream().map(Refusal::recipient).toList());
        assumeRecordsEnvelope();
        assertEquals(List.of(List.of(TO)), delivered().stream().map(mail -> mail.envelope().orElseThrow().recipients()).toList(),
                "only the partly sent message, to its accepted recipient");
    }

    /**
     * {@code AsyncMailer} javadoc: with fail-silently a failure completes the stage normally,
     * with receipts that show it: not sent.
     */
    @Assertion(id = "async-fail-silently-completes-with-receipts", strategy = Strategy.ADDED)
    public void failSilentlyCompletesWithReceiptsThatShowTheFailure() {
        Receipt failed = await(mailer.using(FAILING).async().send(message("Async silent").build(), FAIL_SILENTLY));
        assertFalse(failed.sent(), () -> "status " + failed.status());
        List<Receipt> batch = await(mailer.using(FAILING).async().deliver(List.of(message("Async silent one").build(),
                message("Async silent two").build()), FAIL_SILENTLY));
        assertEquals(2, batch.size());
        assertTrue(batch.stream().noneMatch(Receipt::sent), "nothing sent");
    }

    /**
     * Issue 15 item 4 ("every path"): an asynchronous send fires {@code BeforeSend} and
     * {@code AfterSend} once, and a veto makes its receipt {@code NOT_SENT}, refused by policy.
     */
    @Assertion(id = "async-events", strategy = Strategy.ADDED)
    public void anAsynchronousSendFiresTheEvents() {
        await(mailer.async().send(message("Async observed").build()));
        assertEquals(1, events.beforeSend("Async observed").size());
        assertEquals(1, events.afterSend("Async observed").size());
        Receipt vetoed = await(mailer.async().send(message(SendEventLog.VETO + "async").build()));
        assertEquals(Receipt.Status.NOT_SENT, vetoed.status());
        assertTrue(vetoed.refused().stream().allMatch(Refusal::policy), () -> "by policy: " + vetoed.refused());
        assumeKeepsMessages();
        assertEquals(List.of("Async observed"), subjects());
    }

    /**
     * {@code AsyncMailer} is thread-safe: many sends started at once all complete, and each
     * message is delivered once.
     */
    @Assertion(id = "async-many-sends-each-once", strategy = Strategy.ADDED)
    public void manySendsAtOnceEachDeliverOnce() {
        List<CompletionStage<Receipt>> stages = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            stages.add(mailer.async().send(message("Async many " + i).build()));
        }
        for (CompletionStage<Receipt> stage : stages) {
            assertEquals(Receipt.Status.SENT, await(stage).status());
        }
        assumeKeepsMessages();
        List<String> subjects = subjects();
        assertEquals(40, subjects.size());
        assertEquals(40, new HashSet<>(subjects).size(), "no message delivered twice");
    }

    /**
     * The value of a stage that must complete normally within the deadline.
     *
     * @param <T>   the value type
     * @param stage the stage
     * @return its value
     */
    protected static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the stage completed exceptionally", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the stage did not complete within " + DEADLINE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * The exception of a stage that must complete exceptionally within the deadline, unwrapped
     * from {@link CompletionException}.
     *
     * @param stage the stage
     * @return the exception
     */
    protected static Throwable awaitFailure(CompletionStage<?> stage) {
        try {
            Object value = stage.toCompletableFuture().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("the stage completed normally with " + value);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause;
        } catch (TimeoutException e) {
            throw new AssertionError("the stage did not complete within " + DEADLINE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

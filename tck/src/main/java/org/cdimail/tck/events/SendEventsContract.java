package org.cdimail.tck.events;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.Refusal;
import org.cdimail.event.AfterSend;
import org.cdimail.event.SendFailed;
import org.cdimail.inject.Backend;
import org.cdimail.spi.EmailBackend;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.EventsContract;
import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.spi.MailboxInspector;
import org.cdimail.tck.support.Await;
import org.cdimail.tck.support.Mails;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The CDI events of sending ({@link org.cdimail.event.BeforeSend}, {@link AfterSend},
 * {@link SendFailed}), run once per backend: fired once per message on every path of the
 * {@code default} alias, synchronous observers able to veto or replace a message, asynchronous
 * observers told afterwards and unable to change anything. The deployment's observer is
 * {@link SendEventLog}, which decides by the subject.
 *
 * <p>Refusals are checked where the inspector can make its backend refuse a recipient
 * ({@link MailboxInspector#refuse(String)}; the TCK's {@code smtp} server can), and skipped
 * elsewhere. Failures are checked for every backend through the alias {@value #FAILING},
 * configured by {@link MailboxInspector#failingConfiguration(String)}. Subclasses name the
 * backend and declare the deployment with {@link #deployment(Class)}.
 */
@EventsContract
public abstract class SendEventsContract extends SendPipelineTestBase {

    /** The administrator {@code mail_admins} sends to. */
    protected static final String ADMIN = "admin@example.com";

    /**
     * The deployment of a subclass: its inspector's configuration for {@code default}, its
     * failing configuration for {@value #FAILING}, {@code mail.admins} set, and the observer.
     *
     * @param testClass the subclass
     * @return the deployment
     */
    protected static WebArchive deployment(Class<? extends SendEventsContract> testClass) {
        return pipelineDeployment(testClass).config("mail.admins", ADMIN).build();
    }

    /**
     * Issue 15 item 4: {@code send}, {@code sendMail} and {@code mailAdmins} each fire
     * {@code BeforeSend} once for their message, with the alias, to synchronous observers on the
     * sending thread.
     */
    @Assertion(id = "before-send-once-per-message-mailer", strategy = Strategy.ADDED)
    public void beforeSendIsFiredOnceBySendSendMailAndMailAdmins() {
        assertEquals(1, mailer.send(message("Event one, send").build()));
        assertEquals(1, mailer.sendMail("Event two, sendMail", "x", FROM, List.of(TO)));
        assertEquals(1, mailer.mailAdmins("Event three, mailAdmins", "x"));
        for (String subject : List.of("Event one, send", "Event two, sendMail", "Event three, mailAdmins")) {
            List<SendEventLog.Seen> seen = events.beforeSend(subject);
            assertEquals(1, seen.size(), () -> "BeforeSend of '" + subject + "': " + seen.size());
            assertEquals("default", seen.get(0).alias());
            assertSame(Thread.currentThread(), seen.get(0).thread(), "synchronous observers run on the sending thread");
        }
        assertEquals(List.of(ADMIN), events.beforeSend("Event three, mailAdmins").get(0).recipients());
    }

    /**
     * Issue 15 item 4: {@code sendMassMail} and {@code deliver} fire {@code BeforeSend} once per
     * message of the batch.
     */
    @Assertion(id = "before-send-once-per-message-batch", strategy = Strategy.ADDED)
    public void beforeSendIsFiredOncePerMessageOfABatch() {
        assertEquals(2, mailer.sendMassMail(List.of(message("Mass one").build(), message("Mass two").build())));
        mailer.deliver(List.of(message("Deliver one").build(), message("Deliver two").build()));
        for (String subject : List.of("Mass one", "Mass two", "Deliver one", "Deliver two")) {
            assertEquals(1, events.beforeSend(subject).size(), () -> "BeforeSend of '" + subject + "'");
        }
    }

    /**
     * Issue 15 item 4 ("injected connections"): {@code sendMessages} of an injected
     * {@code @Backend("default") EmailBackend}, and of a connection from {@code mailer.connection()},
     * fire {@code BeforeSend} once per message.
     */
    @Assertion(id = "before-send-once-per-message-connection", strategy = Strategy.ADDED)
    public void beforeSendIsFiredOnAnInjectedConnection() {
        EmailBackend injected = beans.select(EmailBackend.class, Backend.Literal.of(Backend.DEFAULT)).get();
        assertEquals(2, injected.sendMessages(List.of(message("Injected one").build(), message("Injected two").build())));
        try (EmailBackend connection = mailer.connection()) {
            assertEquals(1, connection.sendMessages(List.of(message("Connection one").build())));
        }
        for (String subject : List.of("Injected one", "Injected two", "Connection one")) {
            assertEquals(1, events.beforeSend(subject).size(), () -> "BeforeSend of '" + subject + "'");
        }
    }

    /**
     * Issue 15 item 4: a message a synchronous observer vetoes is not sent and counts 0 (no
     * exception: nothing failed); its receipt is {@code NOT_SENT}, every recipient refused by
     * policy with the observer's reason; neither {@code AfterSend} nor {@code SendFailed} is
     * fired for it. The message after it in a batch is sent.
     */
    @Assertion(id = "before-send-veto", strategy = Strategy.ADDED)
    public void aVetoedMessageIsNotSent() {
        String vetoed = SendEventLog.VETO + "send";
        assertEquals(0, mailer.send(message(vetoed).cc("cc@example.com").build()));
        Receipt receipt = mailer.deliver(List.of(message(SendEventLog.VETO + "deliver").cc("cc@example.com").build()),
                FAIL_SILENTLY).get(0);
        assertEquals(1, mailer.sendMassMail(List.of(message(SendEventLog.VETO + "mass").build(),
                message("After the veto").build())));
        assertAll(
                () -> assertEquals(Receipt.Status.NOT_SENT, receipt.status()),
                () -> assertEquals(List.of(), receipt.accepted()),
                () -> assertEquals(Set.of(TO, "cc@example.com"),
                        Set.copyOf(receipt.refused().stream().map(Refusal::recipient).toList())),
                () -> assertTrue(receipt.refused().stream().allMatch(Refusal::policy), () -> "by policy: " + receipt.refused()),
                () -> assertTrue(receipt.refused().stream()
                        .allMatch(r -> r.reason().equals(Optional.of(SendEventLog.VETO_REASON))),
                        () -> "the observer's reason: " + receipt.refused()),
                () -> assertEquals(List.of(), events.afterSend(SendEventLog.VETO), "no AfterSend for a vetoed message"),
                () -> assertEquals(List.of(), events.sendFailed(SendEventLog.VETO), "no SendFailed for a vetoed message"),
                () -> assertEquals(1, events.afterSend("After the veto").size()));
        assumeKeepsMessages();
        assertEquals(List.of("After the veto"), subjects(), "only the message after the veto is delivered");
    }

    /**
     * Issue 15 item 4: a synchronous observer's replacement is what is delivered (its added
     * header arrives) and what {@code AfterSend} reports.
     */
    @Assertion(id = "before-send-replace-header", strategy = Strategy.ADDED)
    public void aReplacementIsDelivered() {
        String subject = SendEventLog.REPLACE + "header";
        assertEquals(1, mailer.send(message(subject).build()));
        List<AfterSend> after = events.afterSend(subject);
        assertEquals(1, after.size());
        assertEquals("yes", after.get(0).message().orElseThrow().headers().get(SendEventLog.REPLACED_HEADER),
                "AfterSend carries the replacement");
        assumeKeepsMessages();
        DeliveredMail mail = single();
        assertEquals(List.of("yes"), Mails.header(mail, SendEventLog.REPLACED_HEADER).stream().map(String::strip).toList());
    }

    /**
     * Issue 15 item 4 ("replace it with a modified copy (recipients, headers)"): a replacement
     * with other recipients is delivered to them only.
     */
    @Assertion(id = "before-send-replace-recipients", strategy = Strategy.ADDED)
    public void aReplacementWithOtherRecipientsGoesToThemOnly() {
        Receipt receipt = mailer.deliver(List.of(message(SendEventLog.REROUTE + "recipients").cc("cc@example.com").build()))
                .get(0);
        assertEquals(List.of(SendEventLog.REROUTED), receipt.accepted());
        assertEquals(List.of(), receipt.refused());
        assumeRecordsEnvelope();
        assertEquals(List.of(SendEventLog.REROUTED), single().envelope().orElseThrow().recipients());
    }

    /**
     * {@code BeforeSend} javadoc: asynchronous observers are told after the synchronous ones
     * decided, and a veto from one throws {@link IllegalStateException}; the message is sent.
     */
    @Assertion(id = "before-send-async-cannot-veto", strategy = Strategy.ADDED)
    public void anAsynchronousObserverCannotVeto() {
        String subject = SendEventLog.ASYNC_VETO + "send";
        assertEquals(1, mailer.send(message(subject).build()));
        Await.until(() -> events.asyncVetoAttempt(subject).isPresent(), DEADLINE,
                "the asynchronous BeforeSend observer ran");
        Optional<RuntimeException> thrown = events.asyncVetoAttempt(subject).orElseThrow();
        assertInstanceOf(IllegalStateException.class, thrown.orElse(null), "veto from an asynchronous observer");
        assertEquals(1, events.afterSend(subject).size(), "the message was sent");
        assumeKeepsMessages();
        assertEquals(List.of(subject), subjects());
    }

    /**
     * Issue 15 item 4: {@code AfterSend} is fired once per delivered message, with the alias,
     * its receipt (the accepted recipients, as {@code deliver} returned them) and
     * {@code fromQueue} false.
     */
    @Assertion(id = "after-send-once-per-message", strategy = Strategy.ADDED)
    public void afterSendIsFiredOncePerDeliveredMessage() {
        List<Receipt> receipts = mailer.deliver(List.of(message("After one").cc("cc@example.com").build(),
                message("After two").build()));
        for (int i = 0; i < receipts.size(); i++) {
            Receipt returned = receipts.get(i);
            List<AfterSend> after = events.afterSend(i == 0 ? "After one" : "After two");
            assertEquals(1, after.size(), "AfterSend once per message");
            AfterSend event = after.get(0);
            assertAll(
                    () -> assertEquals("default", event.alias()),
                    () -> assertFalse(event.fromQueue(), "not from a queue"),
                    () -> assertEquals(Receipt.Status.SENT, event.receipt().status()),
                    () -> assertEquals(returned.accepted(), event.receipt().accepted()),
                    () -> assertEquals(returned.messageId(), event.receipt().messageId()),
                    () -> assertFalse(event.elapsed().isNegative(), "elapsed is not negative"));
        }
        assertEquals(List.of(TO, "cc@example.com"), receipts.get(0).accepted());
        assertEquals(List.of(), events.sendFailed("After "), "nothing failed");
    }

    /**
     * Issue 15 item 4 ("a failure observer sees a 550 as permanent"): for a recipient the backend
     * refuses, {@code SendFailed} is fired once with the receipt, the reply as reason, permanent,
     * {@code REPORTED}; a message its other recipient accepted also fires {@code AfterSend}.
     * Skipped for a backend that cannot be made to refuse a recipient.
     */
    @Assertion(id = "send-failed-refused-recipient", strategy = Strategy.ADDED)
    public void aRefusedRecipientFiresSendFailed() {
        assumeRefuses(REFUSED);
        MailDeliveryException failure = assertThrows(MailDeliveryException.class,
                () -> mailer.send(message("Refused only").to(REFUSED).build()));
        assertFalse(String.valueOf(failure.getMessage()).contains("@"), "no address in the exception message");
        assertEquals(1, mailer.send(message("Refused partly").to(TO, REFUSED).build(), FAIL_SILENTLY));

        List<SendFailed> only = events.sendFailed("Refused only");
        List<SendFailed> partly = events.sendFailed("Refused partly");
        assertEquals(1, only.size(), "SendFailed once for the refused message");
        assertEquals(1, partly.size(), "SendFailed once for the partly sent message");
        for (SendFailed event : List.of(only.get(0), partly.get(0))) {
            Refusal refusal = event.receipt().refused().get(0);
            assertAll(
                    () -> assertEquals("default", event.alias()),
                    () -> assertEquals(SendFailed.Outcome.REPORTED, event.outcome()),
                    () -> assertFalse(event.temporary(), "550 is permanent"),
                    () -> assertFalse(event.fromQueue()),
                    () -> assertTrue(event.reason().startsWith("550"), () -> "reason " + event.reason()),
                    () -> assertEquals(REFUSED, refusal.recipient()),
                    () -> assertEquals(OptionalInt.of(550), refusal.code()),
                    () -> assertFalse(refusal.policy(), "a server's refusal is not a policy"));
        }
        assertEquals(List.of(), events.afterSend("Refused only"), "no AfterSend for a message nobody accepted");
        List<AfterSend> after = events.afterSend("Refused partly");
        assertEquals(1, after.size());
        assertEquals(Receipt.Status.PARTLY_SENT, after.get(0).receipt().status());
        assertEquals(List.of(TO), after.get(0).receipt().accepted());
    }

    /**
     * Issue 15 item 4 ("on failure, with the reason id"): a delivery that fails (the inspector's
     * failing configuration) fires {@code SendFailed} once per message, {@code REPORTED}, with a
     * reason id and no address, with and without fail-silently, and no {@code AfterSend}.
     */
    @Assertion(id = "send-failed-failed-delivery", strategy = Strategy.ADDED)
    public void aFailedDeliveryFiresSendFailed() {
        assertThrows(MailException.class, () -> mailer.using(FAILING).send(message("Failing loud").build()));
        assertEquals(0, mailer.using(FAILING).send(message("Failing silent").build(), FAIL_SILENTLY));
        for (String subject : List.of("Failing loud", "Failing silent")) {
            List<SendFailed> failed = events.sendFailed(subject);
            assertEquals(1, failed.size(), () -> "SendFailed of '" + subject + "'");
            SendFailed event = failed.get(0);
            assertAll(
                    () -> assertEquals(FAILING, event.alias()),
                    () -> assertEquals(SendFailed.Outcome.REPORTED, event.outcome()),
                    () -> assertFalse(event.fromQueue()),
                    () -> assertFalse(event.receipt().sent(), "nothing was sent"),
                    () -> assertFalse(event.reason().isBlank(), "a reason id"),
                    () -> assertFalse(event.reason().contains("@"), () -> "no address in the reason: " + event.reason()),
                    () -> assertEquals(List.of(), events.afterSend(subject), "no AfterSend"));
        }
    }

    /**
     * Issue 15 item 4 ("synchronous and {@code @ObservesAsync}"): asynchronous observers are told
     * of {@code BeforeSend}, {@code AfterSend} and {@code SendFailed}, once each.
     */
    @Assertion(id = "events-observed-asynchronously", strategy = Strategy.ADDED)
    public void asynchronousObserversAreNotified() {
        assertEquals(1, mailer.send(message("Async observed").build()));
        assertEquals(0, mailer.using(FAILING).send(message("Async failed").build(), FAIL_SILENTLY));
        Await.until(() -> events.beforeSendAsync("Async observed").size() == 1
                && events.afterSendAsync("Async observed").size() == 1
                && events.sendFailedAsync("Async failed").size() == 1, DEADLINE,
                "the asynchronous observers saw BeforeSend and AfterSend of the message sent and SendFailed of the failed one");
        SendEventLog.Seen before = events.beforeSendAsync("Async observed").get(0);
        assertEquals("default", before.alias());
        assertFalse(before.vetoed());
        assertEquals(Receipt.Status.SENT, events.afterSendAsync("Async observed").get(0).receipt().status());
        assertEquals(FAILING, events.sendFailedAsync("Async failed").get(0).alias());
    }
}

package org.cdimail.tck.governance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.cdimail.Receipt;
import org.cdimail.Refusal;
import org.cdimail.event.AfterSend;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.GovernanceContract;
import org.cdimail.tck.events.SendEventLog;
import org.cdimail.tck.events.SendPipelineTestBase;
import org.cdimail.tck.spi.MailboxInspector;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * {@code mail.<alias>.allowed-recipients} with the default {@code disallowed-recipients=refuse},
 * run once per backend: recipients that match no pattern (globs with {@code *} and {@code ?},
 * or {@code regex:}, case-insensitive on the whole address) are dropped before delivery and
 * reported in the receipt as refused by policy; the rest is delivered. Nothing failed, so no
 * exception and no {@code SendFailed}. Subclasses name the backend and declare the deployment
 * with {@link #deployment(Class)}.
 */
@GovernanceContract
public abstract class AllowedRecipientsContract extends SendPipelineTestBase {

    /** The patterns of the {@code default} alias. */
    protected static final String PATTERNS = "*@example.com, qa+*@example.org, user?@example.org, regex:ops-[0-9]+@example[.]net";
    /** The reason of a refusal by {@code allowed-recipients}. */
    protected static final String REASON = "not in allowed-recipients";

    /**
     * The deployment of a subclass: the {@code default} alias on the backend under test, allowed
     * to send to {@value #PATTERNS}.
     *
     * @param testClass the subclass
     * @return the deployment
     */
    protected static WebArchive deployment(Class<? extends AllowedRecipientsContract> testClass) {
        return pipelineDeployment(testClass)
                .config(MailboxInspector.key("default", "allowed-recipients"), PATTERNS)
                .build();
    }

    /**
     * Issue 15 item 5 ({@code allowed-recipients}): of To, Cc and Bcc recipients, those matching a
     * glob or the regex are delivered to; the others are dropped and refused by policy with the
     * spec's reason and no reply code. The send counts 1 and throws nothing.
     */
    @Assertion(id = "allowed-recipients-drop-and-report", strategy = Strategy.ADDED)
    public void othersAreDroppedAndRefusedByPolicy() {
        List<String> allowed = List.of(TO, "qa+staging@example.org", "ops-12@example.net");
        List<String> dropped = List.of("stranger@example.net", "ops-x@example.net", "qa@example.org");
        assertEquals(1, mailer.send(message("Allowed send").to(TO, dropped.get(0)).build()));
        Receipt receipt = mailer.deliver(List.of(message("Allowed deliver").to(TO, dropped.get(0))
                .cc("qa+staging@example.org", dropped.get(1)).bcc("ops-12@example.net", dropped.get(2)).build()),
                FAIL_SILENTLY).get(0);
        assertAll(
                () -> assertEquals(Receipt.Status.PARTLY_SENT, receipt.status()),
                () -> assertEquals(Set.copyOf(allowed), Set.copyOf(receipt.accepted())),
                () -> assertEquals(Set.copyOf(dropped),
                        Set.copyOf(receipt.refused().stream().map(Refusal::recipient).toList())),
                () -> assertTrue(receipt.refused().stream().allMatch(Refusal::policy), () -> "by policy: " + receipt.refused()),
                () -> assertTrue(receipt.refused().stream().allMatch(r -> r.reason().equals(Optional.of(REASON))),
                        () -> "reason: " + receipt.refused()),
                () -> assertTrue(receipt.refused().stream().allMatch(r -> r.code().equals(OptionalInt.empty())),
                        "no reply code"),
                () -> assertTrue(receipt.refused().stream().noneMatch(Refusal::temporary), "permanent"));
        assumeRecordsEnvelope();
        assertEquals(List.of(Set.of(TO), Set.copyOf(allowed)),
                delivered().stream().map(mail -> Set.copyOf(mail.envelope().orElseThrow().recipients())).toList());
    }

    /**
     * Spec: patterns match the whole address, case-insensitively; {@code ?} stands for one
     * character.
     */
    @Assertion(id = "allowed-recipients-case-and-glob", strategy = Strategy.ADDED)
    public void patternsIgnoreCaseAndMatchTheWholeAddress() {
        Receipt receipt = mailer.deliver(List.of(message("Allowed matching")
                .to("TO@EXAMPLE.COM", "QA+X@Example.Org", "userA@example.org", "userAB@example.org",
                        "to@example.com.evil.net", "ops-1@example.net.evil.net")
                .build()), FAIL_SILENTLY).get(0);
        assertEquals(Set.of("TO@EXAMPLE.COM", "QA+X@Example.Org", "userA@example.org"), Set.copyOf(receipt.accepted()));
        assertEquals(Set.of("userAB@example.org", "to@example.com.evil.net", "ops-1@example.net.evil.net"),
                Set.copyOf(receipt.refused().stream().map(Refusal::recipient).toList()));
    }

    /**
     * Issue 15 item 5: a message none of whose recipients is allowed is not sent and counts 0,
     * without an exception; its receipt is {@code NOT_SENT}, every recipient refused by policy.
     */
    @Assertion(id = "allowed-recipients-none-allowed", strategy = Strategy.ADDED)
    public void aMessageWithNoAllowedRecipientIsNotSent() {
        assertEquals(0, mailer.send(message("Nobody allowed send").to("stranger@example.net").build()));
        Receipt receipt = mailer.deliver(List.of(message("Nobody allowed deliver").to("stranger@example.net")
                .cc("other@example.net").build()), FAIL_SILENTLY).get(0);
        assertEquals(Receipt.Status.NOT_SENT, receipt.status());
        assertEquals(2, receipt.refused().size());
        assertTrue(receipt.refused().stream().allMatch(Refusal::policy));
        assertEquals(List.of(), subjects(), "nothing delivered");
    }

    /**
     * Spec (events): policy refusals alone fire no {@code SendFailed}; a partly allowed message
     * fires {@code AfterSend} with the allowed recipients. Governance comes after
     * {@code BeforeSend}: an observer's replacement to a recipient not allowed is refused by policy.
     */
    @Assertion(id = "allowed-recipients-events", strategy = Strategy.ADDED)
    public void policyRefusalsFireNoSendFailed() {
        assertEquals(1, mailer.send(message("Allowed events").to(TO, "stranger@example.net").build()));
        List<AfterSend> after = events.afterSend("Allowed events");
        assertEquals(1, after.size());
        assertEquals(List.of(TO), after.get(0).receipt().accepted());
        assertEquals(List.of(), events.sendFailed("Allowed events"), "no SendFailed for a policy refusal");

        Receipt rerouted = mailer.deliver(List.of(message(SendEventLog.REROUTE + "allowed").build()), FAIL_SILENTLY).get(0);
        assertEquals(Receipt.Status.NOT_SENT, rerouted.status(), "the replacement's recipient is not allowed");
        assertEquals(List.of(SendEventLog.REROUTED), rerouted.refused().stream().map(Refusal::recipient).toList());
        assertTrue(rerouted.refused().get(0).policy());
    }
}

package org.cdimail.impl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.Refusal;

/** The receipts of a batch after the pipeline: the caller's order and indexes, refusals by policy merged. */
class BatchPlanTest {

    private static EmailMessage message(String subject, String... to) {
        return EmailMessage.builder().subject(subject).body("Body").from("app@example.com").to(to).build();
    }

    private static Receipt sent(int index, EmailMessage message) {
        return Receipt.builder(index, message).accepted(message.recipients()).replyCode(250).queueId("Q" + index).build();
    }

    @Test
    void anUnchangedBatchKeepsTheBackendsReceipts() {
        List<EmailMessage> batch = List.of(message("a", "a@example.com"), message("b", "b@example.com"));
        BatchPlan plan = new BatchPlan(batch);
        plan.deliver(0, batch.get(0), List.of());
        plan.deliver(1, batch.get(1), List.of());
        List<Receipt> receipts = List.of(sent(0, batch.get(0)), sent(1, batch.get(1)));
        assertThat(plan.unchanged()).isTrue();
        assertThat(plan.merge(receipts)).isSameAs(receipts);
    }

    @Test
    void decidedMessagesKeepTheirPlacesAndTheBackendsReceiptsAreReindexedWithPolicyRefusals() {
        EmailMessage vetoed = message("vetoed", "x@blocked.example");
        EmailMessage partly = message("partly", "a@example.com", "out@other.org");
        EmailMessage governedPartly = message("partly", "a@example.com");
        EmailMessage whole = message("whole", "b@example.com");
        BatchPlan plan = new BatchPlan(List.of(vetoed, partly, whole));
        plan.decide(0, BatchPlan.vetoed(0, vetoed, "blocked domain"));
        Refusal dropped = Refusal.byPolicy("out@other.org", RecipientPolicy.NOT_ALLOWED);
        plan.deliver(1, governedPartly, List.of(dropped));
        plan.deliver(2, whole, List.of());
        assertThat(plan.unchanged()).isFalse();
        assertThat(plan.delivered()).containsExactly(governedPartly, whole);

        List<Receipt> receipts = plan.merge(List.of(sent(0, governedPartly), sent(1, whole)));

        assertThat(receipts).extracting(Receipt::index).containsExactly(0, 1, 2);
        assertThat(receipts.get(0).status()).isEqualTo(Receipt.Status.NOT_SENT);
        assertThat(receipts.get(0).refused()).containsExactly(Refusal.byPolicy("x@blocked.example", "blocked domain"));
        assertThat(receipts.get(0).failure()).hasValueSatisfying(f -> assertThat(f).startsWith("CDIMAIL-00325"));
        assertThat(receipts.get(1).status()).isEqualTo(Receipt.Status.PARTLY_SENT);
        assertThat(receipts.get(1).accepted()).containsExactly("a@example.com");
        assertThat(receipts.get(1).refused()).containsExactly(dropped);
        assertThat(receipts.get(1).queueId()).hasValue("Q0");
        assertThat(receipts.get(2).status()).isEqualTo(Receipt.Status.SENT);
        assertThat(receipts.get(2).message()).containsSame(whole);
        assertThat(Receipt.sentCount(receipts)).isEqualTo(2);
    }

    @Test
    void aFailureWithoutReceiptsMarksEveryDeliveredMessageNotSentAndTemporary() {
        EmailMessage vetoed = message("vetoed", "x@blocked.example");
        EmailMessage given = message("given", "Ada <a@example.com>");
        BatchPlan plan = new BatchPlan(List.of(vetoed, given));
        plan.decide(0, BatchPlan.vetoed(0, vetoed, "no"));
        plan.deliver(1, given, List.of());

        List<Receipt> receipts = plan.notSent(new MailException("CDIMAIL-00304: connection refused"));

        assertThat(receipts).extracting(Receipt::index).containsExactly(0, 1);
        assertThat(receipts.get(1).status()).isEqualTo(Receipt.Status.NOT_SENT);
        assertThat(receipts.get(1).failure()).hasValue("CDIMAIL-00304: connection refused");
        assertThat(receipts.get(1).refused()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("a@example.com");
            assertThat(r.temporary()).isTrue();
            assertThat(r.policy()).isFalse();
        });
    }

    @Test
    void aStoppedBatchReportsEveryMessageAndSendsNothing() {
        List<EmailMessage> batch = List.of(message("a", "a@example.com"), message("b", "b@other.org"),
                message("c", "c@example.com"));
        BatchPlan plan = new BatchPlan(batch);
        plan.deliver(0, batch.get(0), List.of());
        Receipt failing = BatchPlan.governed(1, batch.get(1),
                List.of(Refusal.byPolicy("b@other.org", RecipientPolicy.NOT_ALLOWED)), List.of(), "CDIMAIL-00322: x");

        MailDeliveryException e = plan.stopped(1, failing, "CDIMAIL-00322: x");

        assertThat(e.receipts()).extracting(Receipt::status).containsExactly(Receipt.Status.NOT_ATTEMPTED,
                Receipt.Status.NOT_SENT, Receipt.Status.NOT_ATTEMPTED);
        assertThat(e.messagesSent()).isZero();
    }
}

package org.cdimail.impl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.cdimail.Receipt;
import org.cdimail.Refusal;

/** What {@code SendFailed} reads from a receipt: whether it failed, the reason id, temporary or permanent. */
class FailureReasonTest {

    @Test
    void aRefusalByReplyGivesItsCodeAndEnhancedCodeAndIsPermanentFor5xx() {
        Receipt receipt = Receipt.builder(0, null).accepted("ok@example.com")
                .refused(Refusal.byPolicy("dropped@example.org", "not in allowed-recipients"))
                .refused(Refusal.byReply("gone@example.com", 550, "5.1.1"))
                .refused(Refusal.byReply("busy@example.com", 450, "4.2.1")).build();
        assertThat(FailureReason.failed(receipt)).isTrue();
        assertThat(FailureReason.reason(receipt)).as("the first refusal not by policy").isEqualTo("550 5.1.1");
        assertThat(FailureReason.temporary(receipt)).isFalse();
    }

    @Test
    void onlyTemporaryRefusalsAreTemporaryAndACodeAloneIsTheReason() {
        Receipt receipt = Receipt.builder(0, null).refused(Refusal.byFailure("a@example.com", 421, true, "closed"))
                .refused(Refusal.byReply("b@example.com", 451, null)).build();
        assertThat(FailureReason.reason(receipt)).isEqualTo("421");
        assertThat(FailureReason.temporary(receipt)).isTrue();
    }

    @Test
    void aFailureWithoutReplyGivesTheIdOfTheReceiptsFailure() {
        Receipt receipt = Receipt.builder(0, null).failure("CDIMAIL-00302: no reply within the timeout")
                .refused(Refusal.byFailure("a@example.com", 0, true, "not sent")).build();
        assertThat(FailureReason.reason(receipt)).isEqualTo("CDIMAIL-00302");
        assertThat(FailureReason.temporary(receipt)).isTrue();
    }

    @Test
    void refusalsByPolicyAndMessagesWithoutRecipientsAreNoFailure() {
        assertThat(FailureReason.failed(Receipt.builder(0, null)
                .refused(Refusal.byPolicy("a@example.com", "vetoed")).build())).isFalse();
        assertThat(FailureReason.failed(Receipt.builder(0, null).failure("no recipients").build())).isFalse();
    }
}

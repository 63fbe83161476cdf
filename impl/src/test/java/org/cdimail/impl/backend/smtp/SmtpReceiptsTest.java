package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.Mailer;
import org.cdimail.Receipt;
import org.cdimail.Refusal;
import org.cdimail.SendOptions;
import org.cdimail.spi.EmailBackend;
import org.cdimail.impl.support.MailContainer;

/**
 * {@link SmtpBackend#deliver(List)}: one receipt per message, with what the server said to each
 * recipient (code, enhanced code, temporary or permanent), the reply to the final dot and the
 * queue id, pipelined and in lock-step alike; a stopped batch reports the rest not attempted.
 */
class SmtpReceiptsTest {

    private static final String FROM = "from@example.com";

    private WirePeer peer;
    private MailContainer container;

    @BeforeEach
    void startPeer() throws IOException {
        peer = new WirePeer();
    }

    @AfterEach
    void stop() throws IOException {
        if (container != null) {
            container.close();
        }
        peer.close();
    }

    private Mailer mailer(String... more) {
        container = MailContainer.with("mail.host", "127.0.0.1", "mail.port", Integer.toString(peer.port()),
                "mail.timeout", "PT2S").config(more).start();
        return container.select(Mailer.class);
    }

    private static EmailMessage message(String subject, String... to) {
        return EmailMessage.builder().subject(subject).body("Body of " + subject).from(FROM).to(to).build();
    }

    private void scriptMixedReplies() {
        peer.script().recipientReply("busy@example.com", "450 4.2.1 mailbox busy")
                .recipientReply("later@example.com", "451 4.3.0 try later")
                .recipientReply("nobody@example.com", "550 5.1.1 no such user")
                .dotReplyText("250 2.0.0 Ok: queued as 4ABC12");
    }

    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = { true, false })
    void mixedRecipientRepliesAreReportedPerRecipientWithCodesAndNeverServerText(boolean pipelining) {
        peer.script().pipelining(pipelining);
        scriptMixedReplies();
        List<Receipt> receipts;
        try (EmailBackend connection = mailer().connection(SendOptions.builder().failSilently(true).build())) {
            receipts = connection.deliver(List.of(
                    message("Mixed", "ok@example.com", "busy@example.com", "later@example.com", "nobody@example.com"),
                    message("Clean", "ok@example.com")));
        }

        assertThat(receipts).hasSize(2);
        Receipt mixed = receipts.get(0);
        assertThat(mixed.status()).isEqualTo(Receipt.Status.PARTLY_SENT);
        assertThat(mixed.accepted()).containsExactly("ok@example.com");
        assertThat(mixed.refused()).containsExactly(
                Refusal.byReply("busy@example.com", 450, "4.2.1"),
                Refusal.byReply("later@example.com", 451, "4.3.0"),
                Refusal.byReply("nobody@example.com", 550, "5.1.1"));
        assertThat(mixed.deferred()).extracting(Refusal::recipient)
                .containsExactly("busy@example.com", "later@example.com");
        assertThat(mixed.replyCode()).hasValue(250);
        assertThat(mixed.queueId()).contains("4ABC12");
        assertThat(mixed.messageId()).hasValueSatisfying(id -> assertThat(id).startsWith("<").endsWith(">"));
        assertThat(mixed.sentAt()).isPresent();
        assertThat(mixed.toString()).doesNotContain("@").doesNotContain("busy").doesNotContain("no such user");
        assertThat(mixed.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("CDIMAIL-").doesNotContain("@"));

        Receipt clean = receipts.get(1);
        assertThat(clean.status()).isEqualTo(Receipt.Status.SENT);
        assertThat(clean.index()).isEqualTo(1);
        assertThat(clean.accepted()).containsExactly("ok@example.com");
        assertThat(clean.failure()).isEmpty();
        assertThat(peer.delivered()).hasSize(2);
    }

    @Test
    void theJakartaMailTransportGivesCoarserReceiptsWithTheRecipientsCodes() {
        scriptMixedReplies();
        List<Receipt> receipts;
        try (EmailBackend connection = mailer("mail.transport", "jakarta-mail")
                .connection(SendOptions.builder().failSilently(true).build())) {
            receipts = connection.deliver(List.of(
                    message("Mixed", "ok@example.com", "busy@example.com", "nobody@example.com"),
                    message("Clean", "ok@example.com")));
        }
        Receipt mixed = receipts.get(0);
        assertThat(mixed.status()).isEqualTo(Receipt.Status.PARTLY_SENT);
        assertThat(mixed.accepted()).containsExactly("ok@example.com");
        assertThat(mixed.refused()).extracting(Refusal::recipient, r -> r.code().orElse(0), Refusal::temporary)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("busy@example.com", 450, true),
                        org.assertj.core.groups.Tuple.tuple("nobody@example.com", 550, false));
        Receipt clean = receipts.get(1);
        assertThat(clean.status()).isEqualTo(Receipt.Status.SENT);
        assertThat(clean.replyCode()).hasValue(250);
        assertThat(clean.queueId()).contains("4ABC12");
        assertThat(peer.conversation(1).commandsStartingWith("MAIL")).hasSize(2);
    }

    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = { true, false })
    void withoutFailSilentlyTheBatchStopsAndTheRestIsNotAttempted(boolean pipelining) {
        peer.script().pipelining(pipelining).recipientReply("nobody@example.com", "550 5.1.1 no such user");
        List<EmailMessage> batch = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> i == 2 ? message("M" + i, "ok@example.com", "nobody@example.com")
                        : message("M" + i, "ok@example.com"))
                .toList();

        MailDeliveryException failure = catchThrowableOfType(MailDeliveryException.class,
                () -> mailer().deliver(batch));

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).startsWith("CDIMAIL-00222").doesNotContain("@");
        List<Receipt> receipts = failure.receipts();
        assertThat(receipts).extracting(Receipt::index).containsExactly(0, 1, 2, 3, 4);
        assertThat(receipts).extracting(Receipt::status).containsExactly(Receipt.Status.SENT,
                Receipt.Status.PARTLY_SENT, Receipt.Status.NOT_ATTEMPTED, Receipt.Status.NOT_ATTEMPTED,
                Receipt.Status.NOT_ATTEMPTED);
        assertThat(receipts.get(1).refused()).containsExactly(Refusal.byReply("nobody@example.com", 550, "5.1.1"));
        assertThat(receipts.get(3).refused()).extracting(Refusal::recipient).containsExactly("ok@example.com");
        assertThat(failure.invalid()).containsExactly("nobody@example.com");
        assertThat(failure.sent()).containsExactly("ok@example.com");
        assertThat(failure.messagesSent()).isEqualTo(2);
        assertThat(peer.delivered()).hasSize(2);
    }

    @Test
    void aRefusedDataRefusesEveryAcceptedRecipientByFailure() {
        peer.script().dataReply(554);
        List<Receipt> receipts;
        try (EmailBackend connection = mailer().connection(SendOptions.builder().failSilently(true).build())) {
            receipts = connection.deliver(List.of(message("No data", "a@example.com", "b@example.com")));
        }
        Receipt receipt = receipts.get(0);
        assertThat(receipt.status()).isEqualTo(Receipt.Status.NOT_SENT);
        assertThat(receipt.refused()).hasSize(2).allSatisfy(r -> {
            assertThat(r.code()).hasValue(554);
            assertThat(r.temporary()).isFalse();
            assertThat(r.reason()).isPresent();
        });
        assertThat(receipt.replyCode()).isEmpty();
    }

    @Test
    void aConnectionLostAfterTheDotRefusesEveryRecipientPermanentlySinceTheServerMayHaveIt() {
        peer.script(1).closeOn(".");
        List<Receipt> receipts;
        try (EmailBackend connection = mailer().connection(SendOptions.builder().failSilently(true).build())) {
            receipts = connection.deliver(List.of(message("Lost", "a@example.com"), message("Next", "b@example.com")));
        }
        assertThat(receipts.get(0).status()).isEqualTo(Receipt.Status.NOT_SENT);
        assertThat(receipts.get(0).refused()).singleElement().satisfies(r -> {
            assertThat(r.temporary()).isFalse();
            assertThat(r.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("may have"));
        });
        assertThat(receipts.get(1).status()).isEqualTo(Receipt.Status.SENT);
    }

    @Test
    void aMessageWithoutRecipientsGetsANotSentReceiptWithoutRefusals() {
        List<Receipt> receipts = mailer().deliver(List.of(message("Nobody"), message("Somebody", "a@example.com")));
        assertThat(receipts.get(0).status()).isEqualTo(Receipt.Status.NOT_SENT);
        assertThat(receipts.get(0).refused()).isEmpty();
        assertThat(receipts.get(1).status()).isEqualTo(Receipt.Status.SENT);
    }
}

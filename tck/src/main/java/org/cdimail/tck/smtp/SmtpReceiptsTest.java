package org.cdimail.tck.smtp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.Receipt;
import org.cdimail.Refusal;
import org.cdimail.SendOptions;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.SmtpBackend;
import org.cdimail.tck.support.MailTestBase;
import org.cdimail.tck.support.Mails;
import org.cdimail.tck.support.RecordingSmtpServer;
import org.cdimail.tck.support.SmtpInspector;
import org.cdimail.tck.support.TckDeployment;
import org.cdimail.tck.support.TckRuns;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Receipts of the {@code smtp} backend: what the server answered to each recipient and to the
 * message, against the TCK's recording server (which offers PIPELINING, answers {@code 550 5.1.1}
 * or {@code 451 4.2.1} to the recipients a test names, and {@code 250 2.0.0 Ok: queued as TCKn}
 * to each message).
 */
@SmtpBackend
public class SmtpReceiptsTest extends MailTestBase {

    private static final String REFUSED = "refused@example.com";
    private static final String DEFERRED = "deferred@example.com";

    /**
     * The deployment: the {@code default} alias on the recording server.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(SmtpReceiptsTest.class).build();
    }

    private RecordingSmtpServer server() {
        return TckRuns.inspector(getClass(), SmtpInspector.class).server();
    }

    /**
     * A recipient refused with 550 is reported permanent with its codes, one refused with 451
     * temporary with its codes, and the others accepted; the message is still delivered to them
     * once, and its receipt carries the reply to the final dot and the server's queue id.
     */
    @Assertion(id = "receipts-refused-recipients-with-codes", strategy = Strategy.ADDED)
    public void refusedRecipientsAreReportedWithTheirCodes() {
        server().refuse(REFUSED);
        server().defer(DEFERRED);
        EmailMessage message = message("Partly").to("a@example.com", REFUSED, DEFERRED, "b@example.com").build();
        List<Receipt> receipts = mailer.deliver(List.of(message), SendOptions.builder().failSilently(true).build());
        Receipt receipt = receipts.get(0);
        Refusal refused = refusal(receipt, REFUSED);
        Refusal deferred = refusal(receipt, DEFERRED);
        assertAll(
                () -> assertEquals(Receipt.Status.PARTLY_SENT, receipt.status()),
                () -> assertEquals(List.of("a@example.com", "b@example.com"), receipt.accepted()),
                () -> assertEquals(2, receipt.refused().size()),
                () -> assertEquals(OptionalInt.of(550), refused.code()),
                () -> assertEquals(Optional.of("5.1.1"), refused.enhancedCode()),
                () -> assertFalse(refused.temporary(), "550 is permanent"),
                () -> assertEquals(OptionalInt.of(451), deferred.code()),
                () -> assertEquals(Optional.of("4.2.1"), deferred.enhancedCode()),
                () -> assertTrue(deferred.temporary(), "451 is temporary"),
                () -> assertEquals(List.of(deferred), receipt.deferred()),
                () -> assertEquals(OptionalInt.of(250), receipt.replyCode()),
                () -> assertTrue(receipt.queueId().orElse("").startsWith("TCK"), () -> "queue id " + receipt.queueId()),
                () -> assertEquals(1, delivered().size(), "delivered once"),
                () -> assertEquals(List.of("a@example.com", "b@example.com"),
                        delivered().get(0).envelope().orElseThrow().recipients()),
                () -> assertEquals(Mails.header(delivered().get(0), "Message-ID").get(0).strip(),
                        receipt.messageId().orElseThrow()));
    }

    /**
     * Without fail-silently, a batch stops at a message no recipient accepted: the exception
     * carries a receipt for every message, the ones after it not attempted, and the server got
     * only the one before it.
     */
    @Assertion(id = "receipts-stopped-batch-not-attempted", strategy = Strategy.ADDED)
    public void aStoppedBatchReportsTheRestAsNotAttempted() {
        server().refuse(REFUSED);
        List<EmailMessage> batch = List.of(message("First").build(), message("Refused").to(REFUSED).build(),
                message("Third").build());
        MailDeliveryException failure = assertThrows(MailDeliveryException.class, () -> mailer.deliver(batch));
        List<Receipt> receipts = failure.receipts();
        assertAll(
                () -> assertEquals(3, receipts.size(), "a receipt for every message"),
                () -> assertEquals(Receipt.Status.SENT, receipts.get(0).status()),
                () -> assertEquals(Receipt.Status.NOT_SENT, receipts.get(1).status()),
                () -> assertEquals(OptionalInt.of(550), receipts.get(1).refused().get(0).code()),
                () -> assertEquals(Receipt.Status.NOT_ATTEMPTED, receipts.get(2).status()),
                () -> assertEquals(1, failure.messagesSent()),
                () -> assertFalse(String.valueOf(failure.getMessage()).contains("@"), "no address in the message"),
                () -> assertEquals(List.of("First"), delivered().stream().map(Mails::subject).toList()));
    }

    /**
     * With fail-silently, the same batch goes on past the refused message: receipts say sent,
     * not sent, sent, and Django's count is 2.
     */
    @Assertion(id = "receipts-fail-silently-goes-on", strategy = Strategy.ADDED)
    public void failSilentlyGoesOnAndReportsEachMessage() {
        server().refuse(REFUSED);
        List<EmailMessage> batch = List.of(message("First").build(), message("Refused").to(REFUSED).build(),
                message("Third").build());
        List<Receipt> receipts = mailer.deliver(batch, SendOptions.builder().failSilently(true).build());
        assertEquals(List.of(Receipt.Status.SENT, Receipt.Status.NOT_SENT, Receipt.Status.SENT),
                receipts.stream().map(Receipt::status).toList());
        assertEquals(2, Receipt.sentCount(receipts));
        assertEquals(List.of("First", "Third"), delivered().stream().map(Mails::subject).toList());
    }

    private static Refusal refusal(Receipt receipt, String recipient) {
        return receipt.refused().stream().filter(r -> r.recipient().equals(recipient)).findFirst()
                .orElseThrow(() -> new AssertionError("no refusal for a recipient; refusals: " + receipt.refused()));
    }
}

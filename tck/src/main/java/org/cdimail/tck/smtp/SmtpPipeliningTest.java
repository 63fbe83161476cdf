package org.cdimail.tck.smtp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Mailer;
import org.cdimail.spi.EmailBackend;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.SmtpBackend;
import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.support.MailTestBase;
import org.cdimail.tck.support.Mails;
import org.cdimail.tck.support.RecordingSmtpServer;
import org.cdimail.tck.support.RecordingSmtpServer.Transaction;
import org.cdimail.tck.support.SmtpInspector;
import org.cdimail.tck.support.TckDeployment;
import org.cdimail.tck.support.TckRuns;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The {@code smtp} backend and the SMTP extensions a server offers: command pipelining
 * (RFC 2920) and 8-bit content (RFC 6152). Not in Django, which leaves both to Python's
 * {@code smtplib}; a backend may pipeline or not, but must keep the rules either way.
 *
 * <p>What the recording server checks (see {@link RecordingSmtpServer}): with {@code PIPELINING}
 * offered, a client may send {@code MAIL FROM}, its {@code RCPT TO}s and {@code DATA} without
 * waiting for each reply, but {@code DATA} ends a group, so message content must wait for the
 * {@code 354} (RFC 2920 section 3.1) and must not follow a refused {@code DATA} at all; without
 * it, every command waits for the reply to the one before (RFC 5321 section 4.3.1). A client
 * that breaks these rules is recorded as a {@link RecordingSmtpServer.Violation}.
 *
 * <p>Aliases: {@code default} (the recording server, which offers {@code PIPELINING} and
 * {@code 8BITMIME}) and {@code lockstep} (a second recording server that does not offer
 * {@code PIPELINING}).
 */
@SmtpBackend
public class SmtpPipeliningTest extends MailTestBase {

    private static final String REFUSED = "refused@example.com";

    /**
     * The deployment and its aliases.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        TckDeployment deployment = TckDeployment.of(SmtpPipeliningTest.class);
        RecordingSmtpServer lockstep = deployment.closeAfterClass(RecordingSmtpServer.start().withoutPipelining());
        return deployment.config("mail.lockstep.backend", "smtp").config("mail.lockstep.host", "127.0.0.1")
                .config("mail.lockstep.port", Integer.toString(lockstep.port()))
                .config("mail.lockstep.timeout", "PT10S")
                .build();
    }

    /** The server of the {@code default} alias, which offers PIPELINING; emptied before each test. */
    private RecordingSmtpServer pipeliningServer() {
        return TckRuns.inspector(getClass(), SmtpInspector.class).server();
    }

    /** The server of the {@code lockstep} alias, emptied: the TCK's extension only empties the inspector's. */
    private RecordingSmtpServer lockstepServer() {
        RecordingSmtpServer server = TckRuns.resources(getClass(), RecordingSmtpServer.class).get(0);
        server.clear();
        return server;
    }

    /**
     * RFC 2920: with {@code PIPELINING} offered, a batch of three messages with several
     * recipients each, sent over one connection, arrives exactly once per message with the
     * right envelope; the one recipient the server refuses (in the last message, since a failure
     * stops the rest of a batch) is reported in {@link MailDeliveryException#invalid()}, the
     * others of that message in {@link MailDeliveryException#sent()}, and the three messages in
     * {@link MailDeliveryException#messagesSent()}. The connection then delivers a fourth
     * message. No command or content came before a reply the client had to wait for: never
     * message content before the {@code 354}.
     */
    @Assertion(id = "pipelined-batch-reports-the-refused-recipient", strategy = Strategy.ADDED)
    public void pipelinedBatchDeliversEachMessageOnceAndReportsTheRefusedRecipient() {
        RecordingSmtpServer server = pipeliningServer();
        assertTrue(server.offersPipelining());
        deliversTheBatchAndReportsTheRefusedRecipient(mailer, server);
    }

    /**
     * RFC 5321 section 4.3.1, RFC 2920 section 2: without {@code PIPELINING} offered, the same
     * batch arrives the same way, and the client waited for every reply before its next command
     * (the server recorded no command that arrived before the reply to the one before it).
     */
    @Assertion(id = "no-pipelining-unless-offered", strategy = Strategy.ADDED)
    public void withoutPipeliningEveryCommandWaitsForItsReply() {
        RecordingSmtpServer server = lockstepServer();
        assertFalse(server.offersPipelining());
        deliversTheBatchAndReportsTheRefusedRecipient(mailer.using("lockstep"), server);
        assertEquals(0, server.pipelinedInputs(), "nothing pipelined where PIPELINING is not offered");
    }

    private void deliversTheBatchAndReportsTheRefusedRecipient(Mailer mailer, RecordingSmtpServer server) {
        server.refuse(REFUSED);
        List<EmailMessage> batch = List.of(
                message("First").to("a1@example.com", "a2@example.com").cc("a3@example.com").build(),
                message("Second").to("b1@example.com").bcc("b2@example.com", "b3@example.com").build(),
                message("Third").to("c1@example.com", REFUSED, "c2@example.com").build());
        try (EmailBackend connection = mailer.connection()) {
            connection.open();
            MailDeliveryException failure = assertThrows(MailDeliveryException.class,
                    () -> connection.sendMessages(batch));
            assertAll(
                    () -> assertTrue(failure.invalid().stream().anyMatch(a -> a.contains(REFUSED)),
                            () -> "invalid: " + failure.invalid()),
                    () -> assertEquals(List.of("c1@example.com", "c2@example.com"), failure.sent().stream()
                            .map(SmtpPipeliningTest::bare).toList(), () -> "sent: " + failure.sent()),
                    () -> assertEquals(List.of(), failure.unsent(), () -> "unsent: " + failure.unsent()),
                    () -> assertEquals(3, failure.messagesSent(), "messages sent"));
            assertEquals(1, connection.sendMessages(List.of(message("Fourth").to("d1@example.com").build())));
        }
        List<Transaction> transactions = server.transactions();
        assertAll(
                () -> assertEquals(List.of("First", "Second", "Third", "Fourth"),
                        transactions.stream().map(t -> Mails.subject(DeliveredMail.of(t.data()))).toList(),
                        "each message exactly once, in order"),
                () -> assertEquals(List.of(
                        List.of("a1@example.com", "a2@example.com", "a3@example.com"),
                        List.of("b1@example.com", "b2@example.com", "b3@example.com"),
                        List.of("c1@example.com", "c2@example.com"),
                        List.of("d1@example.com")),
                        transactions.stream().map(Transaction::recipients).toList(), "envelope recipients"),
                () -> assertTrue(transactions.stream().allMatch(t -> t.sender().equals(FROM)),
                        "envelope senders"),
                () -> assertEquals(1, server.connections(), "one connection"),
                () -> assertEquals(List.of(), server.violations(), "protocol violations"));
    }

    /**
     * RFC 2920 section 3.1, RFC 5321 section 3.3: when the server refuses every recipient of a
     * message, it refuses the {@code DATA} that a pipelining client sent with them; the client
     * sends no message content after that refusal, fails the message, and the same connection
     * delivers the next one.
     */
    @Assertion(id = "pipelined-refused-data-sends-no-content", strategy = Strategy.ADDED)
    public void everyRecipientRefusedSendsNoContentAndTheConnectionGoesOn() {
        RecordingSmtpServer server = pipeliningServer();
        server.refuse("nobody1@example.com");
        server.refuse("nobody2@example.com");
        try (EmailBackend connection = mailer.connection()) {
            connection.open();
            assertThrows(MailException.class, () -> connection.sendMessages(
                    List.of(message("Nobody").to("nobody1@example.com", "nobody2@example.com").build())));
            assertEquals(1, connection.sendMessages(List.of(message("Somebody").build())));
        }
        assertAll(
                () -> assertEquals(List.of("Somebody"), delivered().stream().map(Mails::subject).toList()),
                () -> assertEquals(List.of(TO), delivered().get(0).envelope().orElseThrow().recipients()),
                () -> assertEquals(1, server.connections(), "one connection"),
                () -> assertEquals(List.of(), server.violations(), "protocol violations"));
    }

    /**
     * RFC 2920 section 3.1: when the server refuses {@code MAIL FROM} (550) for one message, the
     * {@code RCPT TO}s and {@code DATA} a pipelining client sent with it are refused too; the
     * client sends no message content, fails that message, and the next message on the same
     * open connection is delivered with its own envelope (whether the client resets with
     * {@code RSET} first is its choice).
     */
    @Assertion(id = "connection-recovers-after-refused-sender", strategy = Strategy.ADDED)
    public void connectionRecoversAfterRefusedSenderWhenPipelining() {
        recoversAfterRefusedSender(mailer, pipeliningServer());
    }

    /**
     * RFC 5321 section 3.3: without {@code PIPELINING} offered, a refused {@code MAIL FROM} fails
     * its message and the next message on the same open connection is delivered; every command
     * waited for its reply.
     */
    @Assertion(id = "connection-recovers-after-refused-sender", strategy = Strategy.ADDED)
    public void connectionRecoversAfterRefusedSenderWithoutPipelining() {
        recoversAfterRefusedSender(mailer.using("lockstep"), lockstepServer());
    }

    private void recoversAfterRefusedSender(Mailer mailer, RecordingSmtpServer server) {
        server.refuseSender("blocked@example.com");
        try (EmailBackend connection = mailer.connection()) {
            connection.open();
            assertThrows(MailException.class, () -> connection.sendMessages(List.of(message("Blocked")
                    .from("blocked@example.com").to("x1@example.com", "x2@example.com").build())));
            assertEquals(1, connection.sendMessages(List.of(message("Allowed").to("y1@example.com").build())));
        }
        List<Transaction> transactions = server.transactions();
        assertEquals(1, transactions.size(), () -> "transactions: " + transactions.size());
        Transaction allowed = transactions.get(0);
        assertAll(
                () -> assertEquals("Allowed", Mails.subject(DeliveredMail.of(allowed.data()))),
                () -> assertEquals(FROM, allowed.sender()),
                () -> assertEquals(List.of("y1@example.com"), allowed.recipients()),
                () -> assertEquals(1, server.connections(), "one connection"),
                () -> assertEquals(List.of(), server.violations(), "protocol violations"));
    }

    /**
     * RFC 6152 section 3: a message with 8-bit content (a UTF-8 text body the renderer sends as
     * {@code 8bit}, as the {@code message} contract requires) goes to a server that offers
     * {@code 8BITMIME} with {@code BODY=8BITMIME} on its {@code MAIL FROM}, and arrives with its
     * 8-bit bytes unchanged.
     */
    @Assertion(id = "declares-8bitmime-for-8bit-content", strategy = Strategy.ADDED)
    public void declaresEightBitMimeForEightBitContent() {
        assertEquals(1, mailer.send(message("Umlauts").body("Grüße aus Köln").build()));
        List<Transaction> transactions = pipeliningServer().transactions();
        assertEquals(1, transactions.size());
        Transaction transaction = transactions.get(0);
        DeliveredMail mail = DeliveredMail.of(transaction.data());
        assertAll(
                () -> assertTrue(hasEightBitByte(transaction.data()), "the data carries 8-bit bytes"),
                () -> assertEquals(List.of("8bit"), Mails.header(mail, "Content-Transfer-Encoding").stream()
                        .map(v -> v.strip().toLowerCase(Locale.ROOT)).toList()),
                () -> assertTrue(Mails.body(mail).contains("Grüße aus Köln"), () -> "body: " + Mails.body(mail)),
                () -> assertTrue(transaction.mailParameters().stream()
                        .anyMatch(p -> p.equalsIgnoreCase("BODY=8BITMIME")),
                        () -> "MAIL FROM parameters: " + transaction.mailParameters()));
    }

    private static boolean hasEightBitByte(byte[] data) {
        for (byte b : data) {
            if ((b & 0x80) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The bare address of a recipient as an exception may report it ({@code Name <a@b>} or {@code a@b}). */
    private static String bare(String address) {
        int open = address.lastIndexOf('<');
        int close = address.lastIndexOf('>');
        return open >= 0 && close > open ? address.substring(open + 1, close) : address.strip();
    }
}

package org.cdimail.tck.backend;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.mail.internet.InternetAddress;

import org.cdimail.EmailMessage;
import org.cdimail.Receipt;
import org.cdimail.inject.Backend;
import org.cdimail.spi.EmailBackend;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.BackendContract;
import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.support.Mails;
import org.cdimail.tck.support.MailTestBase;

/**
 * The contract every backend honours, run once per backend: Django's
 * {@code BaseEmailBackendTests} (tests/mail/tests.py, and test_backends.py in the 6.1 layout),
 * with cdi-mail's additions. Subclasses name the backend with a backend annotation and declare
 * the deployment; everything else is here.
 *
 * <p>Each test sends through a new connection of the {@code default} alias
 * ({@link org.cdimail.Mailer#connection()}, Django's {@code get_connection()}), then reads what
 * the backend delivered. For a backend that keeps nothing, content checks are skipped.
 */
@BackendContract
public abstract class EmailBackendContract extends MailTestBase {

    /**
     * B-BASE {@code test_send}: {@code sendMessages} of one message returns 1, and the message
     * arrives with its subject, body, {@code From} and {@code To}.
     */
    @Assertion(id = "test_send", strategy = Strategy.REPRODUCED)
    public void sendsOneMessage() throws Exception {
        EmailMessage message = message("Subject").body("Content").build();
        try (EmailBackend connection = mailer.connection()) {
            assertEquals(1, connection.sendMessages(List.of(message)));
        }
        assumeKeepsMessages();
        List<DeliveredMail> delivered = delivered();
        assertEquals(1, delivered.size());
        DeliveredMail mail = delivered.get(0);
        assertEquals("Subject", Mails.subject(mail));
        assertEquals("Content", Mails.body(mail).strip());
        assertEquals(List.of(FROM), Mails.addrSpecs(mail, "From"));
        assertEquals(List.of(TO), Mails.addrSpecs(mail, "To"));
    }

    /**
     * B-BASE {@code test_send_unicode}: a non-ASCII subject and body arrive intact, and the
     * header is encoded so that the message's header section stays ASCII.
     */
    @Assertion(id = "test_send_unicode", strategy = Strategy.REPRODUCED)
    public void sendsUnicodeSubjectAndBody() {
        EmailMessage message = message("Chère maman").body("Je t'aime très fort — 愛してる").build();
        assertEquals(1, mailer.send(message));
        assumeKeepsMessages();
        DeliveredMail mail = single();
        assertEquals("Chère maman", Mails.subject(mail));
        assertEquals("Je t'aime très fort — 愛してる", Mails.body(mail).strip());
        assertTrue(Mails.header(mail, "Subject").get(0).chars().allMatch(c -> c < 128),
                "the Subject header is RFC 2047 encoded");
    }

    /**
     * B-BASE {@code test_send_many}: several messages in one call are all sent, counted, and
     * delivered in order. Django passes a list and an iterator; Java passes any {@code List}, so
     * both an immutable list and a linked list are sent, over one open connection.
     */
    @Assertion(id = "test_send_many", strategy = Strategy.REPRODUCED)
    public void sendsManyInOrder() {
        List<EmailMessage> first = List.of(message("First").build(), message("Second").build());
        List<EmailMessage> second = new LinkedList<>(List.of(message("Third").build(), message("Fourth").build()));
        try (EmailBackend connection = mailer.connection()) {
            connection.open();
            assertEquals(2, connection.sendMessages(first));
            assertEquals(2, connection.sendMessages(second));
        }
        assumeKeepsMessages();
        assertEquals(List.of("First", "Second", "Third", "Fourth"), subjects(delivered()));
    }

    /**
     * CONN {@code test_close_connection}: closing a connection that was never opened does
     * nothing; closing twice does nothing either.
     */
    @Assertion(id = "test_close_connection", strategy = Strategy.REPRODUCED)
    public void closeWithoutOpenIsHarmless() {
        EmailBackend connection = mailer.connection();
        assertDoesNotThrow(connection::close);
        assertDoesNotThrow(connection::close);
        assertEquals(1, connection.sendMessages(List.of(message("After close").build())),
                "a closed connection opens again for the next send");
        assertDoesNotThrow(connection::close);
    }

    /**
     * CONN {@code test_use_as_contextmanager}, {@code test_reopen_connection}: a connection
     * works in try-with-resources; {@code open()} on an open connection returns {@code false};
     * after {@code close()}, the next {@code open()} may open again. Improved: Django checks
     * {@code open()} is called; here the visible effect is checked.
     */
    @Assertion(id = "test_use_as_contextmanager", strategy = Strategy.IMPROVED)
    public void tryWithResourcesOpensAndCloses() {
        EmailBackend connection = mailer.connection();
        try (connection) {
            connection.open();
            assertFalse(connection.open(), "open() on an open connection returns false");
            assertEquals(1, connection.sendMessages(List.of(message("Inside").build())));
        }
        assertEquals(1, connection.sendMessages(List.of(message("After").build())),
                "a closed connection sends by opening around itself");
        assumeKeepsMessages();
        List<String> subjects = subjects(delivered());
        assertEquals(2, subjects.size(), () -> "delivered: " + subjects);
        assertEquals(Set.of("Inside", "After"), Set.copyOf(subjects), "two connections, no order between them");
    }

    /** B-SMTP {@code test_send_messages_empty_list}, for every backend: an empty list sends nothing. */
    @Assertion(id = "test_send_messages_empty_list", strategy = Strategy.REPRODUCED)
    public void emptyListSendsNothing() {
        try (EmailBackend connection = mailer.connection()) {
            assertEquals(0, connection.sendMessages(List.of()));
        }
        assertEquals(List.of(), delivered());
    }

    /**
     * B-SMTP {@code test_send_messages_zero_sent}, for every backend: a message without
     * recipients is not sent and does not count, and does not stop the next one.
     */
    @Assertion(id = "test_send_messages_zero_sent", strategy = Strategy.REPRODUCED)
    public void messageWithoutRecipientsCountsZero() {
        EmailMessage nobody = EmailMessage.builder().subject("Nobody").body("x").from(FROM).build();
        try (EmailBackend connection = mailer.connection()) {
            assertEquals(0, connection.sendMessages(List.of(nobody)));
            assertEquals(1, connection.sendMessages(List.of(nobody, message("Somebody").build())));
        }
        assumeKeepsMessages();
        assertEquals(List.of("Somebody"), subjects(delivered()));
    }

    /**
     * Not in Django: an open connection stays usable after a send that failed. The failing
     * message has an envelope address no backend can deliver to (Django's
     * {@code test_avoids_sending_to_invalid_addresses}); a backend may refuse it or not, but the
     * next message on the same connection is delivered once.
     */
    @Assertion(id = "test_avoids_sending_to_invalid_addresses", strategy = Strategy.REPRODUCED)
    public void reusableAfterFailedSend() {
        EmailMessage invalid = message("Invalid").bcc("to@").build();
        try (EmailBackend connection = mailer.connection()) {
            connection.open();
            try {
                connection.sendMessages(List.of(invalid));
            } catch (RuntimeException expected) {
                // Refusing the invalid address is allowed; what matters is the next send.
            }
            assertEquals(1, connection.sendMessages(List.of(message("Valid").build())));
        }
        assumeKeepsMessages();
        List<String> subjects = subjects(delivered());
        assertEquals(1, Collections.frequency(subjects, "Valid"), () -> "delivered: " + subjects);
    }

    /**
     * Not in Django (the API requires it): one connection used by many threads at once
     * delivers every message exactly once, and the counts add up.
     */
    @Assertion(id = "many-threads-deliver-each-message-once", strategy = Strategy.ADDED)
    public void manyThreadsDeliverEachMessageOnce() throws Exception {
        int threads = 8;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (EmailBackend connection = mailer.connection()) {
            connection.open();
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                tasks.add(() -> {
                    int sent = 0;
                    for (int i = 0; i < perThread; i++) {
                        sent += connection.sendMessages(List.of(message("T" + thread + "-" + i).build()));
                    }
                    return sent;
                });
            }
            int total = 0;
            for (Future<Integer> result : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                total += result.get();
            }
            assertEquals(threads * perThread, total);
        } finally {
            pool.shutdownNow();
        }
        assumeKeepsMessages();
        List<String> subjects = subjects(delivered());
        assertEquals(threads * perThread, subjects.size());
        assertEquals(threads * perThread, new HashSet<>(subjects).size(), "no message delivered twice");
    }

    /**
     * MSG {@code test_bcc_not_in_headers}, as a backend delivers it: Bcc recipients receive the
     * message (they are in the envelope) but appear in no header.
     */
    @Assertion(id = "test_bcc_not_in_headers", strategy = Strategy.REPRODUCED)
    public void bccRecipientsReceiveButAreNotShown() {
        EmailMessage message = message("Bcc").cc("cc@example.com").bcc("hidden@example.com").build();
        assertEquals(1, mailer.send(message));
        assumeKeepsMessages();
        DeliveredMail mail = single();
        assertEquals(List.of(), Mails.header(mail, "Bcc"));
        assertFalse(new String(mail.raw(), StandardCharsets.ISO_8859_1).contains("hidden@example.com"),
                "the Bcc address appears nowhere in the delivered message");
        assumeRecordsEnvelope();
        assertEquals(Set.of(TO, "cc@example.com", "hidden@example.com"),
                Set.copyOf(mail.envelope().orElseThrow().recipients()));
    }

    /**
     * B-BASE {@code test_send_verbose_name}: a quoted, non-ASCII display name in the sender
     * arrives decoded.
     */
    @Assertion(id = "test_send_verbose_name", strategy = Strategy.REPRODUCED)
    public void sendsVerboseNameDecoded() {
        assertEquals(1, mailer.send(message("Verbose").from("\"Firstname Sürname\" <from@example.com>").build()));
        assumeKeepsMessages();
        InternetAddress from = Mails.addresses(single(), "From").get(0);
        assertEquals("Firstname Sürname", from.getPersonal());
        assertEquals(FROM, from.getAddress());
    }

    /** B-BASE {@code test_message_cc_header}: the Cc header is present, and so is a Date header. */
    @Assertion(id = "test_message_cc_header", strategy = Strategy.REPRODUCED)
    public void deliversCcAndDateHeaders() {
        assertEquals(1, mailer.send(message("Cc").cc("cc@example.com").build()));
        assumeKeepsMessages();
        DeliveredMail mail = single();
        assertEquals(List.of("cc@example.com"), Mails.addrSpecs(mail, "Cc"));
        assertEquals(1, Mails.header(mail, "Date").size());
        assertEquals(1, Mails.header(mail, "Message-ID").size());
    }

    /**
     * B-BASE {@code test_idn_send}: internationalized domains in From, To and Cc are sent as
     * IDNA (punycode) in the headers.
     */
    @Assertion(id = "test_idn_send", strategy = Strategy.REPRODUCED)
    public void encodesInternationalDomainsAsPunycode() {
        assertEquals(1, mailer.send(EmailMessage.builder().subject("IDN").body("x").from("from@öäü.com")
                .to("to@öäü.com").cc("cc@öäü.com").build()));
        assumeKeepsMessages();
        DeliveredMail mail = single();
        assertEquals(List.of("from@xn--4ca9at.com"), Mails.addrSpecs(mail, "From"));
        assertEquals(List.of("to@xn--4ca9at.com"), Mails.addrSpecs(mail, "To"));
        assertEquals(List.of("cc@xn--4ca9at.com"), Mails.addrSpecs(mail, "Cc"));
    }

    /**
     * B-BASE {@code test_recipient_without_domain} (#15042): local-part-only addresses can be
     * sent.
     */
    @Assertion(id = "test_recipient_without_domain", strategy = Strategy.REPRODUCED)
    public void sendsToRecipientWithoutDomain() {
        assertEquals(1, mailer.send(EmailMessage.builder().subject("Local").body("x").from("tester").to("django")
                .build()));
        assumeKeepsMessages();
        DeliveredMail mail = single();
        assertEquals(List.of("tester"), Mails.addrSpecs(mail, "From"));
        assertEquals(List.of("django"), Mails.addrSpecs(mail, "To"));
    }

    /**
     * B-BASE {@code test_send_long_lines}: a body line longer than 998 octets is sent with
     * quoted-printable or base64 and arrives unchanged.
     */
    @Assertion(id = "test_send_long_lines", strategy = Strategy.REPRODUCED)
    public void sendsLongLinesWithATransferEncoding() {
        String cyrillic = "Запис сусіда " .repeat(100);
        assertEquals(1, mailer.send(message("Long").body(cyrillic).build()));
        assumeKeepsMessages();
        DeliveredMail mail = single();
        String encoding = Mails.header(mail, "Content-Transfer-Encoding").get(0).strip().toLowerCase();
        assertTrue(Set.of("quoted-printable", "base64").contains(encoding), encoding);
        assertEquals(cyrillic.strip(), Mails.body(mail).strip());
    }

    /**
     * B-SEL: the alias's {@code EmailBackend} bean, obtained by injection (or programmatic
     * lookup) rather than from the mailer, sends too.
     */
    @Assertion(id = "injected-backend-sends", strategy = Strategy.ADDED)
    public void injectedBackendSends() {
        EmailBackend injected = beans.select(EmailBackend.class, Backend.Literal.of(Backend.DEFAULT)).get();
        assertEquals(1, injected.sendMessages(List.of(message("Injected").build())));
        assumeKeepsMessages();
        assertEquals(List.of("Injected"), subjects(delivered()));
    }

    /**
     * Receipts: {@code deliver} returns one receipt per message, in order, with its index; a
     * message without recipients is {@code NOT_SENT} with no refusals; the others are
     * {@code SENT} with every envelope recipient (addr-spec) accepted and no refusal; Django's
     * count is the number of sent receipts; and what the backend delivered agrees with them.
     */
    @Assertion(id = "receipts-per-message", strategy = Strategy.ADDED)
    public void deliverReturnsOneReceiptPerMessageInOrder() {
        List<EmailMessage> batch = List.of(
                message("First").cc("Carol <cc@example.com>").build(),
                EmailMessage.builder().subject("Nobody").body("No recipients").from(FROM).build(),
                message("Third").bcc("bcc@example.com").build());
        List<Receipt> receipts;
        try (EmailBackend connection = mailer.connection()) {
            receipts = connection.deliver(batch);
        }
        assertEquals(3, receipts.size(), "one receipt per message");
        for (int i = 0; i < 3; i++) {
            assertEquals(i, receipts.get(i).index(), "receipts are in order, with their index");
        }
        assertEquals(Receipt.Status.SENT, receipts.get(0).status());
        assertEquals(List.of(TO, "cc@example.com"), receipts.get(0).accepted(), "accepted envelope recipients");
        assertEquals(Receipt.Status.NOT_SENT, receipts.get(1).status(), "a message without recipients");
        assertTrue(receipts.get(1).refused().isEmpty(), "nobody to refuse");
        assertEquals(Receipt.Status.SENT, receipts.get(2).status());
        assertEquals(List.of(TO, "bcc@example.com"), receipts.get(2).accepted());
        assertTrue(receipts.get(0).refused().isEmpty() && receipts.get(2).refused().isEmpty());
        assertEquals(2, Receipt.sentCount(receipts), "Django's count derives from the receipts");
        assumeKeepsMessages();
        List<DeliveredMail> delivered = delivered();
        assertEquals(List.of("First", "Third"), subjects(delivered), "the backend delivered the sent ones");
        receipts.get(0).messageId().ifPresent(id -> assertEquals(id,
                Mails.header(delivered.get(0), "Message-ID").get(0).strip(),
                "a receipt's Message-ID, when it has one, is the one the message was delivered with"));
    }

    /**
     * Receipts: a receipt never shows addresses in its string form (logs), says when it was
     * sent, and the Message-IDs of two messages, when receipts carry them (a backend implementing
     * only {@code sendMessages} gets receipts without), differ.
     */
    @Assertion(id = "receipts-no-addresses-in-logs", strategy = Strategy.ADDED)
    public void receiptsKeepAddressesOutOfTheirStringForm() {
        List<Receipt> receipts = mailer.deliver(List.of(message("One").build(), message("Two").build()));
        assertEquals(2, Receipt.sentCount(receipts));
        for (Receipt receipt : receipts) {
            assertFalse(receipt.toString().contains("@"), receipt::toString);
            assertTrue(receipt.sentAt().isPresent(), "a sent message says when");
        }
        if (receipts.get(0).messageId().isPresent() && receipts.get(1).messageId().isPresent()) {
            assertFalse(receipts.get(0).messageId().equals(receipts.get(1).messageId()), "distinct Message-IDs");
        }
    }

    /**
     * Receipts: an invalid address is thrown before anything of its message is delivered, by
     * {@code deliver} as by {@code sendMessages}, and the messages before it keep their delivery.
     */
    @Assertion(id = "receipts-invalid-address-thrown", strategy = Strategy.ADDED)
    public void deliverThrowsForAnInvalidAddress() {
        EmailMessage invalid = message("Invalid").to("not an address <<").build();
        try (EmailBackend connection = mailer.connection()) {
            assertThrows(IllegalArgumentException.class, () -> connection.deliver(List.of(invalid)));
        }
        assumeKeepsMessages();
        assertTrue(delivered().isEmpty(), "nothing of the invalid message was delivered");
    }

    /**
     * The one message delivered since the test started.
     *
     * @return the message
     */
    protected DeliveredMail single() {
        List<DeliveredMail> delivered = delivered();
        assertEquals(1, delivered.size(), "exactly one message delivered");
        return delivered.get(0);
    }

    /**
     * The subjects of delivered messages, in order.
     *
     * @param delivered the messages
     * @return their subjects
     */
    protected static List<String> subjects(List<DeliveredMail> delivered) {
        return delivered.stream().map(Mails::subject).toList();
    }
}

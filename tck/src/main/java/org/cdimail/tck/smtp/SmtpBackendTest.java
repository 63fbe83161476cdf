package org.cdimail.tck.smtp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.SendOptions;
import org.cdimail.spi.EmailBackend;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.SmtpBackend;
import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.support.Await;
import org.cdimail.tck.support.MailTestBase;
import org.cdimail.tck.support.Mails;
import org.cdimail.tck.support.RecordingSmtpServer;
import org.cdimail.tck.support.SmtpInspector;
import org.cdimail.tck.support.TckDeployment;
import org.cdimail.tck.support.TckRuns;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The {@code smtp} backend on the wire: Django's {@code SMTPBackendTests} and
 * {@code SMTPBackendStoppedServerTests}, against the TCK's recording server, plus what users
 * asked other libraries for (a refused recipient does not stop the others; a connection is
 * reusable after a failed send; no connection for nothing to send).
 *
 * <p>Aliases: {@code default} (the recording server), {@code down} (a port nothing listens on),
 * {@code stopping} (a server the test stops), {@code silent} (a server that never answers, with
 * a one-second timeout), {@code tls}
 * ({@code use-tls} against a server without STARTTLS) and {@code ssl} ({@code use-ssl} against
 * a plain server).
 */
@SmtpBackend
public class SmtpBackendTest extends MailTestBase {

    /**
     * The deployment and its aliases.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        TckDeployment deployment = TckDeployment.of(SmtpBackendTest.class);
        int port = deployment.inspector(SmtpInspector.class).server().port();
        RecordingSmtpServer stopping = deployment.closeAfterClass(RecordingSmtpServer.start());
        RecordingSmtpServer silent = deployment.closeAfterClass(RecordingSmtpServer.startSilent());
        return smtpAlias(deployment, "down", RecordingSmtpServer.unusedPort())
                .config("mail.down.timeout", "PT5S")
                .config("mail.stopping.backend", "smtp").config("mail.stopping.host", "127.0.0.1")
                .config("mail.stopping.port", Integer.toString(stopping.port()))
                .config("mail.silent.backend", "smtp").config("mail.silent.host", "127.0.0.1")
                .config("mail.silent.port", Integer.toString(silent.port()))
                .config("mail.silent.timeout", "PT1S")
                .config("mail.tls.backend", "smtp").config("mail.tls.host", "127.0.0.1")
                .config("mail.tls.port", Integer.toString(port)).config("mail.tls.use-tls", "true")
                .config("mail.ssl.backend", "smtp").config("mail.ssl.host", "127.0.0.1")
                .config("mail.ssl.port", Integer.toString(port)).config("mail.ssl.use-ssl", "true")
                .config("mail.ssl.timeout", "PT5S")
                .build();
    }

    private static TckDeployment smtpAlias(TckDeployment deployment, String alias, int port) {
        return deployment.config("mail." + alias + ".backend", "smtp").config("mail." + alias + ".host", "127.0.0.1")
                .config("mail." + alias + ".port", Integer.toString(port));
    }

    private RecordingSmtpServer server() {
        return TckRuns.inspector(getClass(), SmtpInspector.class).server();
    }

    /**
     * B-SMTP: the envelope is the sender's bare address and every recipient (To, Cc, then Bcc),
     * without display names.
     */
    @Assertion(id = "envelope-is-sender-and-every-recipient", strategy = Strategy.ADDED)
    public void envelopeIsSenderAndEveryRecipient() {
        mailer.send(EmailMessage.builder().subject("Envelope").body("x").from("Sender <from@example.com>")
                .to("To <to@example.com>").cc("cc@example.com").bcc("bcc@example.com").build());
        DeliveredMail.Envelope envelope = delivered().get(0).envelope().orElseThrow();
        assertEquals("from@example.com", envelope.sender());
        assertEquals(List.of("to@example.com", "cc@example.com", "bcc@example.com"), envelope.recipients());
    }

    /**
     * Not in Django (which fails the whole message): when the server refuses one recipient of
     * three, the other two still receive it, and the failure names the refused one in its list,
     * never in its message.
     */
    @Assertion(id = "refused-recipient-does-not-stop-the-others", strategy = Strategy.ADDED)
    public void refusedRecipientDoesNotStopTheOthers() {
        server().refuse("refused@example.com");
        EmailMessage message = message("Partly").to("a@example.com", "refused@example.com", "b@example.com").build();
        MailDeliveryException failure = assertThrows(MailDeliveryException.class, () -> mailer.send(message));
        assertAll(
                () -> assertEquals(List.of("a@example.com", "b@example.com"),
                        delivered().get(0).envelope().orElseThrow().recipients()),
                () -> assertTrue(failure.invalid().stream().anyMatch(a -> a.contains("refused@example.com")),
                        () -> "invalid: " + failure.invalid()),
                () -> assertEquals(2, failure.sent().size(), () -> "sent: " + failure.sent()),
                () -> assertFalse(String.valueOf(failure.getMessage()).contains("@"),
                        "the exception message contains no address"));
    }

    /**
     * Not in Django: after the server refused every recipient of one message, the same open
     * connection delivers the next message.
     */
    @Assertion(id = "reusable-after-server-refused-every-recipient", strategy = Strategy.ADDED)
    public void reusableAfterServerRefusedEveryRecipient() {
        server().refuse("nobody@example.com");
        try (EmailBackend connection = mailer.connection()) {
            connection.open();
            assertThrows(MailException.class,
                    () -> connection.sendMessages(List.of(message("Refused").to("nobody@example.com").build())));
            assertEquals(1, connection.sendMessages(List.of(message("Accepted").build())));
        }
        assertEquals(List.of("Accepted"), delivered().stream().map(Mails::subject).toList());
        assertEquals(1, server().connections(), "one connection for both messages");
    }

    /**
     * B-SMTP {@code test_send_messages_empty_list}, {@code test_send_messages_zero_sent},
     * improved: nothing to send opens no connection at all.
     */
    @Assertion(id = "test_send_messages_empty_list", strategy = Strategy.IMPROVED)
    public void nothingToSendOpensNoConnection() {
        try (EmailBackend connection = mailer.connection()) {
            assertEquals(0, connection.sendMessages(List.of()));
            assertEquals(0, connection.sendMessages(List.of(EmailMessage.builder().subject("Nobody").build())));
        }
        assertEquals(0, mailer.send(EmailMessage.builder().subject("Nobody").body("x").build()));
        assertEquals(0, server().connections());
    }

    /** CONN {@code test_server_open}, {@code test_reopen_connection}: {@code open()} says whether it opened. */
    @Assertion(id = "test_server_open", strategy = Strategy.REPRODUCED)
    public void openReturnsTrueThenFalse() {
        try (EmailBackend connection = mailer.connection()) {
            assertTrue(connection.open());
            assertFalse(connection.open());
        }
        assertEquals(1, server().connections());
    }

    /**
     * API {@code test_connection_arg_send_mass_mail}, B-SMTP: a batch and a mass mail each go
     * over one connection, which {@code sendMessages} closes when it opened it.
     */
    @Assertion(id = "test_connection_arg_send_mass_mail", strategy = Strategy.REPRODUCED)
    public void oneConnectionPerBatch() {
        try (EmailBackend connection = mailer.connection()) {
            assertEquals(3, connection.sendMessages(List.of(message("1").build(), message("2").build(),
                    message("3").build())));
        }
        assertEquals(1, server().connections());
        assertEquals(2, mailer.sendMassMail(List.of(message("4").build(), message("5").build())));
        assertEquals(2, server().connections());
        Await.until(() -> server().commands().stream().filter(c -> c.equalsIgnoreCase("QUIT")).count() >= 2,
                Duration.ofSeconds(10), "each connection is closed with QUIT");
    }

    /** B-SMTP {@code test_email_msg_uses_crlf} (#23063): the message data uses CRLF only. */
    @Assertion(id = "test_email_msg_uses_crlf", strategy = Strategy.REPRODUCED)
    public void usesCrlfOnTheWire() {
        mailer.send(message("CRLF").body("line one\nline two\r\nline three\rline four").build());
        byte[] raw = delivered().get(0).raw();
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                assertTrue(i > 0 && raw[i - 1] == '\r', "LF at " + i + " follows CR");
            }
            if (raw[i] == '\r') {
                assertTrue(i + 1 < raw.length && raw[i + 1] == '\n', "CR at " + i + " precedes LF");
            }
        }
    }

    /**
     * B-SMTP {@code test_encodes_idna_in_smtp_commands}: IDN domains are IDNA-encoded in
     * {@code MAIL FROM} and {@code RCPT TO}, whatever the headers say.
     */
    @Assertion(id = "test_encodes_idna_in_smtp_commands", strategy = Strategy.REPRODUCED)
    public void encodesIdnaInTheEnvelope() {
        mailer.send(EmailMessage.builder().subject("IDN").body("x").from("lists@discussão.example.org")
                .to("me@discussão.example.org").header("From", "Display <other@example.com>").build());
        DeliveredMail.Envelope envelope = delivered().get(0).envelope().orElseThrow();
        assertEquals("lists@xn--discusso-xza.example.org", envelope.sender());
        assertEquals(List.of("me@xn--discusso-xza.example.org"), envelope.recipients());
    }

    /**
     * INJ {@code test_rejects_non_ascii_local_part} (#35713): a non-ASCII local part cannot be
     * sent to a server without SMTPUTF8; nothing is sent.
     */
    @Assertion(id = "test_rejects_non_ascii_local_part", strategy = Strategy.REPRODUCED)
    public void refusesNonAsciiLocalPart() {
        assertThrows(RuntimeException.class, () -> mailer.send(message("Local").to("jörg@example.com").build()));
        assertEquals(List.of(), delivered());
    }

    /**
     * INJ {@code test_avoids_sending_to_invalid_addresses}: invalid envelope addresses are
     * refused before they reach the server.
     */
    @Assertion(id = "test_avoids_sending_to_invalid_addresses", strategy = Strategy.REPRODUCED)
    public void neverSendsInvalidAddressesToTheServer() {
        for (String invalid : List.of("to@", "@", "a@b@example.com", "to@example.com, other@example.com")) {
            assertThrows(RuntimeException.class, () -> mailer.send(message("Invalid").bcc(invalid).build()),
                    invalid);
        }
        assertTrue(server().commands().stream().noneMatch(c -> c.toUpperCase(Locale.ROOT).startsWith("RCPT")
                && (c.contains("<to@>") || c.contains("<@>") || c.contains("a@b@"))), () -> "" + server().commands());
        assertEquals(List.of(), delivered());
    }

    /**
     * CONN {@code test_server_stopped}: {@code close()} does not throw when the server has gone
     * away.
     */
    @Assertion(id = "test_server_stopped", strategy = Strategy.REPRODUCED)
    public void closeDoesNotThrowAfterTheServerWentAway() {
        EmailBackend connection = mailer.using("stopping").connection();
        assertTrue(connection.open());
        stoppingServer().close();
        assertDoesNotThrow(connection::close);
    }

    /**
     * CONN {@code test_fail_silently_on_connection_error},
     * {@code test_send_messages_after_open_failed}: a server that cannot be reached fails
     * {@code open()} with a {@link MailException}; with fail-silently it does not, and sending
     * returns 0.
     */
    @Assertion(id = "test_fail_silently_on_connection_error", strategy = Strategy.REPRODUCED)
    public void unreachableServerFailsUnlessFailingSilently() {
        assertThrows(MailException.class, () -> {
            try (EmailBackend connection = mailer.using("down").connection()) {
                connection.open();
            }
        });
        try (EmailBackend quiet = mailer.using("down").connection(SendOptions.builder().failSilently(true).build())) {
            assertDoesNotThrow(quiet::open);
            assertEquals(0, quiet.sendMessages(List.of(message("Lost").build())));
        }
        assertEquals(0, mailer.using("down").sendMail("Lost", "x", FROM, List.of(TO),
                SendOptions.builder().failSilently(true).build()));
    }

    /**
     * Not in Django, whose default timeout is none: a server that accepts the connection and
     * never answers fails the send within the configured timeout.
     */
    @Assertion(id = "silent-server-fails-within-the-timeout", strategy = Strategy.ADDED)
    public void silentServerFailsWithinTheTimeout() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThrows(MailException.class, () -> mailer.using("silent").send(message("Timeout").build()));
        });
    }

    /**
     * CONN {@code test_email_tls_attempts_starttls}: with {@code use-tls}, a server that does
     * not offer STARTTLS gets nothing: the send fails before {@code MAIL FROM}.
     */
    @Assertion(id = "test_email_tls_attempts_starttls", strategy = Strategy.REPRODUCED)
    public void startTlsIsRequiredWhenConfigured() {
        assertThrows(MailException.class, () -> mailer.using("tls").send(message("TLS").build()));
        assertTrue(server().commands().stream().noneMatch(c -> c.toUpperCase(Locale.ROOT).startsWith("MAIL")),
                () -> "" + server().commands());
    }

    /**
     * CONN {@code test_email_ssl_attempts_ssl_connection}: with {@code use-ssl}, the backend
     * starts with a TLS handshake, which a plain server fails.
     */
    @Assertion(id = "test_email_ssl_attempts_ssl_connection", strategy = Strategy.REPRODUCED)
    public void implicitTlsIsRequiredWhenConfigured() {
        assertThrows(MailException.class, () -> mailer.using("ssl").send(message("SSL").build()));
        assertEquals(List.of(), delivered());
    }

    private RecordingSmtpServer stoppingServer() {
        return TckRuns.resources(getClass(), RecordingSmtpServer.class).get(0);
    }
}

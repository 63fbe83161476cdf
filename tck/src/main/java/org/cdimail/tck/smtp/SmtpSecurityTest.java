package org.cdimail.tck.smtp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.cdimail.MailException;
import org.cdimail.SendOptions;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.SmtpBackend;
import org.cdimail.tck.support.MailTestBase;
import org.cdimail.tck.support.Mails;
import org.cdimail.tck.support.RecordingSmtpServer;
import org.cdimail.tck.support.RecordingSmtpServer.Authentication;
import org.cdimail.tck.support.RecordingSmtpServer.Transaction;
import org.cdimail.tck.support.TckDeployment;
import org.cdimail.tck.support.TckRuns;
import org.cdimail.tck.spi.DeliveredMail;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The {@code smtp} backend over TLS and with SMTP AUTH, against the TCK's recording servers:
 * Django's CONN tests of {@code SMTPBackendTests} that need a server offering STARTTLS, implicit
 * TLS or AUTH, which Django's own suite only checks by mocking.
 *
 * <p>Servers: {@code starttls} offers STARTTLS and, on any connection, {@code AUTH PLAIN};
 * {@code implicit} speaks TLS from the first byte and offers {@code AUTH LOGIN}; {@code plain}
 * is unencrypted and offers {@code AUTH PLAIN LOGIN}. Both TLS servers present the TCK's
 * self-signed certificate, which an alias trusts with the documented key
 * {@code mail.<alias>.ssl-trust-certfile}.
 */
@SmtpBackend
public class SmtpSecurityTest extends MailTestBase {

    private static final String USER = "tck-user";
    private static final String PASSWORD = "tck-Secret-42";

    /**
     * The deployment: one alias per scenario, each configured with documented {@code mail.*}
     * keys only.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        TckDeployment deployment = TckDeployment.of(SmtpSecurityTest.class);
        RecordingSmtpServer starttls = deployment.closeAfterClass(RecordingSmtpServer.startWithStartTls())
                .acceptLogin(USER, PASSWORD, "PLAIN");
        RecordingSmtpServer implicit = deployment.closeAfterClass(RecordingSmtpServer.startWithImplicitTls())
                .acceptLogin(USER, PASSWORD, "LOGIN");
        RecordingSmtpServer plain = deployment.closeAfterClass(RecordingSmtpServer.start())
                .acceptLogin(USER, PASSWORD, "PLAIN", "LOGIN");
        alias(deployment, "starttls", starttls).config("mail.starttls.use-tls", "true")
                .config("mail.starttls.ssl-trust-certfile", starttls.certificateFile().toString());
        alias(deployment, "starttls-auth", starttls).config("mail.starttls-auth.use-tls", "true")
                .config("mail.starttls-auth.ssl-trust-certfile", starttls.certificateFile().toString())
                .config("mail.starttls-auth.username", USER).config("mail.starttls-auth.password", PASSWORD);
        alias(deployment, "wrong-password", starttls).config("mail.wrong-password.use-tls", "true")
                .config("mail.wrong-password.ssl-trust-certfile", starttls.certificateFile().toString())
                .config("mail.wrong-password.username", USER)
                .config("mail.wrong-password.password", "not-the-password");
        alias(deployment, "untrusted", starttls).config("mail.untrusted.use-tls", "true");
        alias(deployment, "implicit", implicit).config("mail.implicit.use-ssl", "true")
                .config("mail.implicit.ssl-trust-certfile", implicit.certificateFile().toString())
                .config("mail.implicit.username", USER).config("mail.implicit.password", PASSWORD);
        alias(deployment, "implicit-untrusted", implicit).config("mail.implicit-untrusted.use-ssl", "true");
        alias(deployment, "plain-auth", plain).config("mail.plain-auth.username", USER)
                .config("mail.plain-auth.password", PASSWORD).config("mail.plain-auth.allow-plaintext-auth", "true");
        alias(deployment, "plain", plain);
        return deployment.build();
    }

    private static TckDeployment alias(TckDeployment deployment, String alias, RecordingSmtpServer server) {
        return deployment.config("mail." + alias + ".backend", "smtp").config("mail." + alias + ".host", "127.0.0.1")
                .config("mail." + alias + ".port", Integer.toString(server.port()))
                .config("mail." + alias + ".timeout", "PT10S");
    }

    private RecordingSmtpServer starttlsServer() {
        return fresh(0);
    }

    private RecordingSmtpServer implicitServer() {
        return fresh(1);
    }

    private RecordingSmtpServer plainServer() {
        return fresh(2);
    }

    /** The server, emptied: the TCK's extension only empties the class's own inspector. */
    private RecordingSmtpServer fresh(int index) {
        RecordingSmtpServer server = TckRuns.resources(getClass(), RecordingSmtpServer.class).get(index);
        server.clear();
        return server;
    }

    /**
     * CONN {@code test_email_tls_use_settings}, {@code test_email_tls_attempts_starttls},
     * improved: with {@code use-tls} the backend upgrades with STARTTLS before {@code MAIL FROM},
     * verifies the self-signed certificate it was told to trust, and the message travels
     * encrypted. Without credentials, no AUTH is tried although the server offers it
     * ({@code test_email_disabled_authentication}).
     */
    @Assertion(id = "test_email_tls_attempts_starttls", strategy = Strategy.IMPROVED)
    public void startTlsWithATrustedCertificate() {
        RecordingSmtpServer server = starttlsServer();
        assertEquals(1, mailer.using("starttls").send(message("Over STARTTLS").build()));
        List<Transaction> transactions = server.transactions();
        assertEquals(1, transactions.size());
        assertTrue(transactions.get(0).secure(), "the transaction was encrypted");
        List<String> verbs = verbs(server);
        assertTrue(verbs.indexOf("STARTTLS") >= 0 && verbs.indexOf("STARTTLS") < verbs.indexOf("MAIL"),
                () -> "STARTTLS before MAIL: " + verbs);
        assertFalse(verbs.contains("AUTH"), () -> "no AUTH without credentials: " + verbs);
        assertEquals("Over STARTTLS", Mails.subject(DeliveredMail.of(transactions.get(0).data())));
    }

    /**
     * CONN {@code test_email_ssl_use_settings}, {@code test_email_ssl_attempts_ssl_connection},
     * improved: with {@code use-ssl} the backend speaks TLS from the first byte, trusts the
     * configured certificate, authenticates with {@code AUTH LOGIN} (the only mechanism offered)
     * inside TLS, and delivers.
     */
    @Assertion(id = "test_email_ssl_attempts_ssl_connection", strategy = Strategy.IMPROVED)
    public void implicitTlsWithATrustedCertificateAndLogin() {
        RecordingSmtpServer server = implicitServer();
        assertEquals(1, mailer.using("implicit").send(message("Over SMTPS").build()));
        assertEquals(List.of(new Authentication("LOGIN", USER, PASSWORD, true, true)), server.authentications());
        assertEquals(1, server.transactions().size());
        assertTrue(server.transactions().get(0).secure());
    }

    /**
     * CONN {@code test_email_authentication_use_settings}, {@code test_auth_attempted},
     * improved: configured credentials are sent with {@code AUTH PLAIN} after STARTTLS, never
     * before it, and the message is delivered.
     */
    @Assertion(id = "test_email_authentication_use_settings", strategy = Strategy.IMPROVED)
    public void authPlainAfterStartTls() {
        RecordingSmtpServer server = starttlsServer();
        assertEquals(1, mailer.using("starttls-auth").send(message("Authenticated").build()));
        assertEquals(List.of(new Authentication("PLAIN", USER, PASSWORD, true, true)), server.authentications());
        List<String> verbs = verbs(server);
        assertTrue(verbs.indexOf("STARTTLS") < verbs.indexOf("AUTH") && verbs.indexOf("AUTH") < verbs.indexOf("MAIL"),
                () -> "STARTTLS, then AUTH, then MAIL: " + verbs);
        assertEquals(1, server.transactions().size());
    }

    /**
     * CONN {@code test_email_authentication_override_settings}, reproduced: credentials given
     * per send ({@code SendOptions.authUser}/{@code authPassword}) are used on an alias that has
     * none configured.
     */
    @Assertion(id = "test_email_authentication_override_settings", strategy = Strategy.REPRODUCED)
    public void perSendCredentialsOverrideTheAlias() {
        RecordingSmtpServer server = starttlsServer();
        SendOptions credentials = SendOptions.builder().authUser(USER).authPassword(PASSWORD).build();
        assertEquals(1, mailer.using("starttls").sendMail("Per send", "x", FROM, List.of(TO), credentials));
        assertEquals(List.of(new Authentication("PLAIN", USER, PASSWORD, true, true)), server.authentications());
        assertEquals(1, server.transactions().size());
    }

    /**
     * CONN {@code test_auth_attempted}, improved: credentials the server refuses fail the send
     * with a {@link MailException} whose message holds neither the password nor an address;
     * nothing is delivered.
     */
    @Assertion(id = "test_auth_attempted", strategy = Strategy.IMPROVED)
    public void refusedCredentialsFailWithoutLeakingThem() {
        RecordingSmtpServer server = starttlsServer();
        MailException failure = assertThrows(MailException.class,
                () -> mailer.using("wrong-password").send(message("Refused login").build()));
        List<Authentication> attempts = server.authentications();
        String text = String.valueOf(failure);
        assertAll(
                () -> assertEquals(1, attempts.size(), () -> "attempts: " + attempts),
                () -> assertFalse(attempts.get(0).accepted()),
                () -> assertEquals(List.of(), server.transactions()),
                () -> assertFalse(text.contains("not-the-password"), () -> "password in: " + text),
                () -> assertFalse(text.contains("@"), () -> "address in: " + text));
    }

    /**
     * Not in Django (whose SSL context trusts the system store only): a self-signed certificate
     * that the alias was not told to trust fails STARTTLS, before {@code MAIL FROM}.
     */
    @Assertion(id = "certificate-chain-verified", strategy = Strategy.ADDED)
    public void untrustedCertificateFailsStartTls() {
        RecordingSmtpServer server = starttlsServer();
        assertThrows(MailException.class, () -> mailer.using("untrusted").send(message("Untrusted").build()));
        assertFalse(verbs(server).contains("MAIL"), () -> "commands: " + server.commands());
        assertEquals(List.of(), server.transactions());
    }

    /**
     * Not in Django: a self-signed certificate that the alias was not told to trust fails
     * implicit TLS; nothing is delivered.
     */
    @Assertion(id = "certificate-chain-verified", strategy = Strategy.ADDED)
    public void untrustedCertificateFailsImplicitTls() {
        RecordingSmtpServer server = implicitServer();
        assertThrows(MailException.class,
                () -> mailer.using("implicit-untrusted").send(message("Untrusted").build()));
        assertEquals(List.of(), server.transactions());
        assertEquals(List.of(), server.authentications());
    }

    /**
     * CONN {@code test_auth_attempted}, reproduced with {@code allow-plaintext-auth}: over an
     * unencrypted connection, credentials are sent only because the alias allows it.
     */
    @Assertion(id = "test_auth_attempted", strategy = Strategy.REPRODUCED)
    public void plaintextAuthWhenAllowed() {
        RecordingSmtpServer server = plainServer();
        assertEquals(1, mailer.using("plain-auth").send(message("Plaintext AUTH").build()));
        List<Authentication> attempts = server.authentications();
        assertEquals(1, attempts.size(), () -> "attempts: " + attempts);
        assertAll(
                () -> assertEquals(USER, attempts.get(0).username()),
                () -> assertFalse(attempts.get(0).secure()),
                () -> assertTrue(attempts.get(0).accepted()),
                () -> assertEquals(1, server.transactions().size()));
    }

    /**
     * CONN {@code test_email_disabled_authentication}, {@code test_email_tls_default_disabled},
     * reproduced: an alias without credentials and without TLS settings neither authenticates
     * nor upgrades, even when the server offers AUTH.
     */
    @Assertion(id = "test_email_disabled_authentication", strategy = Strategy.REPRODUCED)
    public void noAuthWithoutCredentials() {
        RecordingSmtpServer server = plainServer();
        assertEquals(1, mailer.using("plain").send(message("No AUTH").build()));
        List<String> verbs = verbs(server);
        assertFalse(verbs.contains("AUTH"), () -> "commands: " + verbs);
        assertFalse(verbs.contains("STARTTLS"), () -> "commands: " + verbs);
        assertFalse(server.transactions().get(0).secure());
    }

    private static List<String> verbs(RecordingSmtpServer server) {
        return server.commands().stream().map(c -> c.split(" ", 2)[0].toUpperCase(Locale.ROOT)).toList();
    }
}

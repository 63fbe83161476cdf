package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Mailer;
import org.cdimail.SendOptions;
import org.cdimail.impl.support.MailContainer;
import org.cdimail.impl.support.Parallel;
import org.cdimail.impl.support.ScriptedSmtpServer;
import org.cdimail.impl.support.TestCertificates;
import org.cdimail.spi.EmailBackend;

/**
 * The {@code smtp} backend against real SMTP peers on 127.0.0.1: GreenMail, and a scripted peer
 * for refusals, STARTTLS, client certificates and silence.
 */
class SmtpBackendTest {

    @TempDir
    static Path certificates;
    static TestCertificates server;
    static TestCertificates wrongHost;
    static TestCertificates client;

    private GreenMail greenMail;
    private ScriptedSmtpServer scripted;

    @BeforeAll
    static void generateCertificates() throws Exception {
        server = TestCertificates.generate(certificates, "server", "ip:127.0.0.1,dns:localhost");
        wrongHost = TestCertificates.generate(certificates, "wrong", "dns:wrong.example.invalid");
        client = TestCertificates.generate(certificates, "client", "dns:client.example.invalid");
    }

    @BeforeEach
    void startGreenMail() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
    }

    @AfterEach
    void stopServers() throws IOException {
        greenMail.stop();
        if (scripted != null) {
            scripted.close();
        }
    }

    @Dependent
    static class Client {
        @Inject
        EmailBackend connection;
        @Inject
        Mailer mailer;
    }

    private MailContainer.Builder smtp(int port, String... more) {
        return MailContainer.with("mail.host", "127.0.0.1", "mail.port", Integer.toString(port), "mail.timeout", "PT10S")
                .config(more).beans(Client.class);
    }

    private static EmailMessage message(String subject, String... to) {
        return EmailMessage.builder().subject(subject).body("Body of " + subject).from("from@example.com").to(to).build();
    }

    private Set<String> greenMailSubjects() {
        return java.util.Arrays.stream(greenMail.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.toSet());
    }

    @Test
    void deliversThroughAnInjectedConnection() throws Exception {
        try (MailContainer container = smtp(greenMail.getSmtp().getPort()).start()) {
            Client c = container.select(Client.class);
            assertThat(c.connection).isInstanceOf(SmtpBackend.class);
            assertThat(c.connection.sendMessages(List.of(message("Injected", "ada@example.com")))).isEqualTo(1);
        }
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Injected");
        assertThat(received.getContent().toString()).contains("Body of Injected");
    }

    @Test
    void deliversThroughTheFacadeWithUnicode() throws Exception {
        try (MailContainer container = smtp(greenMail.getSmtp().getPort()).start()) {
            Mailer mailer = container.select(Client.class).mailer;
            assertThat(mailer.sendMail("Grüße ✓", "Ça marche — 你好", null, List.of("ada@example.com"))).isEqualTo(1);
        }
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("Grüße ✓");
        assertThat(received.getContent().toString()).contains("Ça marche — 你好");
    }

    @Test
    void aBatchAndAnOpenedConnectionUseOneSmtpConnection() throws IOException {
        scripted = ScriptedSmtpServer.start();
        try (MailContainer container = smtp(scripted.port()).start()) {
            Client c = container.select(Client.class);
            assertThat(c.mailer.sendMassMail(List.of(message("1", "a@example.com"), message("2", "b@example.com"),
                    message("3", "c@example.com")))).isEqualTo(3);
            assertThat(scripted.connections()).isEqualTo(1);
            try (EmailBackend connection = c.mailer.connection()) {
                assertThat(connection.open()).isTrue();
                assertThat(connection.open()).isFalse();
                connection.sendMessages(List.of(message("4", "d@example.com")));
                connection.sendMessages(List.of(message("5", "e@example.com")));
            }
            assertThat(scripted.connections()).isEqualTo(2);
            assertThat(scripted.received()).hasSize(5);
        }
    }

    @Test
    void lifecycleFollowsDjango() throws IOException {
        scripted = ScriptedSmtpServer.start();
        try (MailContainer container = smtp(scripted.port()).start()) {
            EmailBackend connection = container.select(Client.class).connection;
            connection.close(); // never opened
            assertThat(connection.sendMessages(List.of())).isZero();
            assertThat(connection.sendMessages(List.of(EmailMessage.builder().subject("nobody").build()))).isZero();
            assertThat(scripted.connections()).isZero();
            assertThat(connection.open()).isTrue();
            connection.close();
            connection.close();
        }
    }

    @Test
    void theEnvelopeIsFromAndEveryRecipientWithIdnaDomainsWhateverTheHeadersSay() throws IOException {
        scripted = ScriptedSmtpServer.start();
        EmailMessage message = EmailMessage.builder().subject("Envelope").from("Ada <ada@exämple.com>")
                .to("to@bücher.example").cc("cc@example.com").bcc("hidden@example.com")
                .header("From", "Display <display@example.com>").header("To", "shown@example.com").build();
        try (MailContainer container = smtp(scripted.port()).start()) {
            assertThat(container.select(Client.class).mailer.send(message)).isEqualTo(1);
        }
        ScriptedSmtpServer.Received received = scripted.received().get(0);
        assertThat(received.sender()).isEqualTo("ada@xn--exmple-cua.com");
        assertThat(received.recipients()).containsExactly("to@xn--bcher-kva.example", "cc@example.com", "hidden@example.com");
        assertThat(received.data()).contains("From: Display <display@example.com>").doesNotContain("hidden@example.com");
    }

    @Test
    void aServerRefusingOneRecipientOfThreeDeliversToTheOthersAndReportsIt() throws IOException {
        scripted = ScriptedSmtpServer.start().refusing("bob@example.com");
        try (MailContainer container = smtp(scripted.port()).start()) {
            Mailer mailer = container.select(Client.class).mailer;
            MailDeliveryException failure = catchThrowableOfType(MailDeliveryException.class, () -> mailer.sendMail("Three",
                    "Body", null, List.of("ada@example.com", "bob@example.com", "carol@example.com")));
            assertThat(failure).isNotNull();
            assertThat(failure.sent()).containsExactlyInAnyOrder("ada@example.com", "carol@example.com");
            assertThat(failure.invalid()).containsExactly("bob@example.com");
            assertThat(failure.unsent()).isEmpty();
            assertThat(failure.messagesSent()).isEqualTo(1);
            assertThat(failure.getMessage()).startsWith("CDIMAIL-00222").doesNotContain("@");
            assertThat(mailer.sendMail("Three", "Body", null, List.of("ada@example.com", "bob@example.com"),
                    SendOptions.builder().failSilently(true).build())).as("partially delivered counts as sent").isEqualTo(1);
        }
        assertThat(scripted.received()).hasSize(2);
        assertThat(scripted.received().get(0).recipients()).containsExactly("ada@example.com", "carol@example.com");
    }

    @Test
    void anOpenConnectionIsReusableAfterAFailedSend() throws IOException {
        scripted = ScriptedSmtpServer.start().refusing("bob@example.com");
        try (MailContainer container = smtp(scripted.port()).start();
                EmailBackend connection = container.select(Client.class).mailer.connection()) {
            connection.open();
            assertThatThrownBy(() -> connection.sendMessages(List.of(message("Refused", "bob@example.com"))))
                    .isInstanceOf(MailException.class);
            assertThat(connection.sendMessages(List.of(message("Accepted", "ada@example.com")))).isEqualTo(1);
        }
        assertThat(scripted.connections()).isEqualTo(1);
        assertThat(scripted.received()).extracting(r -> r.recipients()).containsExactly(List.of("ada@example.com"));
    }

    @Test
    void aServerThatAcceptsButNeverAnswersFailsWithinTheTimeout() throws IOException {
        scripted = ScriptedSmtpServer.start().silent();
        Duration timeout = Duration.ofSeconds(1);
        try (MailContainer container = smtp(scripted.port(), "mail.timeout", "PT1S").start()) {
            Mailer mailer = container.select(Client.class).mailer;
            long start = System.nanoTime();
            assertThatThrownBy(() -> mailer.sendMail("S", "B", null, List.of("ada@example.com")))
                    .isInstanceOf(MailException.class).hasMessageStartingWith("CDIMAIL-00220");
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertThat(elapsed).isLessThan(timeout.multipliedBy(2));
            assertThat(scripted.connections()).isEqualTo(1);
        }
    }

    @Test
    void theDefaultTimeoutIsFinite() {
        try (MailContainer container = MailContainer.empty()) {
            assertThat(new org.cdimail.impl.config.MailConfig(org.eclipse.microprofile.config.ConfigProvider.getConfig())
                    .settings("default").timeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(container.weld().isRunning()).isTrue();
        }
    }

    @Test
    void anUnreachableServerFailsOrFailsSilently() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (MailContainer container = smtp(closedPort).start()) {
            Client c = container.select(Client.class);
            assertThatThrownBy(() -> c.mailer.sendMail("S", "B", null, List.of("ada@example.com")))
                    .isInstanceOf(MailException.class);
            assertThat(c.mailer.sendMail("S", "B", null, List.of("ada@example.com"),
                    SendOptions.builder().failSilently(true).build())).isZero();
            try (EmailBackend silent = c.mailer.connection(SendOptions.builder().failSilently(true).build())) {
                assertThat(silent.open()).isFalse();
                assertThat(silent.sendMessages(List.of(message("x", "ada@example.com")))).isZero();
            }
        }
    }

    @Test
    void authOverStartTlsWithATrustedSelfSignedCertificate() throws Exception {
        scripted = ScriptedSmtpServer.start().offeringStartTls(server.serverContext(null));
        try (MailContainer container = smtp(scripted.port(), "mail.use-tls", "true", "mail.username", "ada",
                "mail.password", "s3cret!", "mail.ssl-trust-certfile", server.certificatePem().toString()).start()) {
            assertThat(container.select(Client.class).mailer.sendMail("Secure", "B", null, List.of("bob@example.com")))
                    .isEqualTo(1);
        }
        assertThat(scripted.authentications()).containsExactly("ada:s3cret!:tls");
        assertThat(scripted.received()).hasSize(1);
    }

    @Test
    void perCallCredentialsOverrideTheConfiguredOnes() throws Exception {
        scripted = ScriptedSmtpServer.start().offeringStartTls(server.serverContext(null));
        try (MailContainer container = smtp(scripted.port(), "mail.use-tls", "true", "mail.ssl-trust-certfile",
                server.certificatePem().toString()).start()) {
            container.select(Client.class).mailer.sendMail("Override", "B", null, List.of("bob@example.com"),
                    SendOptions.builder().authUser("carol").authPassword("pw").build());
        }
        assertThat(scripted.authentications()).containsExactly("carol:pw:tls");
    }

    @Test
    void useTlsRequiresStartTlsAndSendsNoCredentialsWithoutIt() throws Exception {
        scripted = ScriptedSmtpServer.start();
        try (MailContainer container = smtp(scripted.port(), "mail.use-tls", "true", "mail.username", "ada",
                "mail.password", "s3cret!").start()) {
            assertThatThrownBy(() -> container.select(Client.class).mailer.sendMail("S", "B", null, List.of("b@example.com")))
                    .isInstanceOf(MailException.class).hasMessageNotContaining("s3cret!");
        }
        assertThat(scripted.authentications()).isEmpty();
        assertThat(scripted.received()).isEmpty();
    }

    @Test
    void aCertificateForAnotherHostIsRefusedByDefault() throws Exception {
        scripted = ScriptedSmtpServer.start().offeringStartTls(wrongHost.serverContext(null));
        try (MailContainer container = smtp(scripted.port(), "mail.use-tls", "true", "mail.username", "ada",
                "mail.password", "s3cret!", "mail.ssl-trust-certfile", wrongHost.certificatePem().toString()).start()) {
            Throwable failure = catchThrowableOfType(MailException.class,
                    () -> container.select(Client.class).mailer.sendMail("S", "B", null, List.of("b@example.com")));
            assertThat(failure).isNotNull().hasMessageStartingWith("CDIMAIL-00220");
            assertThat(failure).hasRootCauseInstanceOf(java.security.cert.CertificateException.class);
        }
        assertThat(scripted.authentications()).as("no credentials sent to the wrong host").isEmpty();
        assertThat(scripted.received()).isEmpty();
    }

    @Test
    void aSelfSignedCertificateIsRefusedWithoutAnExplicitTrustFile() throws Exception {
        scripted = ScriptedSmtpServer.start().offeringStartTls(server.serverContext(null));
        try (MailContainer container = smtp(scripted.port(), "mail.use-tls", "true").start()) {
            assertThatThrownBy(() -> container.select(Client.class).mailer.sendMail("S", "B", null, List.of("b@example.com")))
                    .isInstanceOf(MailException.class).hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
        }
        assertThat(scripted.received()).isEmpty();
    }

    @Test
    void implicitTlsPresentsThePemClientCertificate() throws Exception {
        scripted = ScriptedSmtpServer.start().implicitTls(server.serverContext(client), true);
        try (MailContainer container = smtp(scripted.port(), "mail.use-ssl", "true", "mail.ssl-certfile",
                client.certificatePem().toString(), "mail.ssl-keyfile", client.privateKeyPem().toString(),
                "mail.ssl-trust-certfile", server.certificatePem().toString()).start()) {
            assertThat(container.select(Client.class).mailer.sendMail("Mutual", "B", null, List.of("b@example.com")))
                    .isEqualTo(1);
        }
        assertThat(scripted.clientCertificates()).hasSize(1);
        X509Certificate presented = (X509Certificate) scripted.clientCertificates().get(0)[0];
        assertThat(presented.getSubjectX500Principal().getName()).isEqualTo("CN=client");
        assertThat(scripted.received()).hasSize(1);
    }

    @Test
    void authIsRefusedOverAPlainConnectionBeforeConnecting() throws IOException {
        scripted = ScriptedSmtpServer.start();
        try (MailContainer container = smtp(scripted.port()).start()) {
            Mailer mailer = container.select(Client.class).mailer;
            assertThatThrownBy(() -> mailer.sendMail("S", "B", null, List.of("b@example.com"),
                    SendOptions.builder().authUser("ada").authPassword("s3cret!").build()))
                    .isInstanceOf(MailException.class).hasMessageStartingWith("CDIMAIL-00224")
                    .hasMessageNotContaining("s3cret!");
        }
        assertThat(scripted.connections()).isZero();
    }

    @Test
    void authWithGreenMailWhenPlaintextAuthIsAllowedOnPurpose() throws Exception {
        greenMail.setUser("ada@example.com", "ada", "s3cret!");
        try (MailContainer container = smtp(greenMail.getSmtp().getPort(), "mail.username", "ada", "mail.password",
                "s3cret!", "mail.allow-plaintext-auth", "true").start()) {
            Mailer mailer = container.select(Client.class).mailer;
            assertThat(mailer.sendMail("Authenticated", "B", null, List.of("ada@example.com"))).isEqualTo(1);
            Throwable refused = catchThrowableOfType(MailException.class, () -> mailer.sendMail("Wrong", "B", null,
                    List.of("ada@example.com"), SendOptions.builder().authUser("ada").authPassword("wrong-pw").build()));
            assertThat(refused).hasMessageStartingWith("CDIMAIL-00221").hasMessageNotContaining("wrong-pw")
                    .hasMessageNotContaining("ada");
        }
        assertThat(greenMailSubjects()).containsExactly("Authenticated");
    }

    @Test
    void manyThreadsSharingOneBackendBeanDeliverEveryMessageExactlyOnce() throws Exception {
        try (MailContainer container = smtp(greenMail.getSmtp().getPort()).start()) {
            EmailBackend shared = container.select(Client.class).connection;
            int sent = Parallel.run(8, 10,
                    i -> shared.sendMessages(List.of(message("Thread message " + i, "ada@example.com"))));
            assertThat(sent).isEqualTo(80);
        }
        assertThat(greenMail.waitForIncomingEmail(10_000, 80)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(80);
        assertThat(greenMailSubjects()).hasSize(80);
    }

    @Test
    void manyThreadsSharingOneOpenedConnectionUseItInTurn() throws Exception {
        scripted = ScriptedSmtpServer.start();
        try (MailContainer container = smtp(scripted.port()).start();
                EmailBackend shared = container.select(Client.class).mailer.connection()) {
            shared.open();
            int sent = Parallel.run(4, 10,
                    i -> shared.sendMessages(List.of(message("Shared " + i, "ada@example.com"))));
            assertThat(sent).isEqualTo(40);
        }
        assertThat(scripted.connections()).isEqualTo(1);
        assertThat(scripted.received()).hasSize(40);
        assertThat(scripted.received().stream().map(r -> r.data().lines().filter(l -> l.startsWith("Subject: "))
                .findFirst().orElseThrow()).distinct().count()).isEqualTo(40);
    }

    @Test
    void jakartaMailPropertiesPassThroughPerAlias() throws IOException {
        scripted = ScriptedSmtpServer.start();
        try (MailContainer container = smtp(scripted.port(), "mail.jakarta-mail.smtp.localhost", "global.test",
                "mail.transport", "jakarta-mail", "mail.backend", "smtp", "mail.relay.backend", "smtp",
                "mail.relay.jakarta-mail.smtp.localhost", "relay.test").start()) {
            Mailer mailer = container.select(Client.class).mailer;
            mailer.sendMail("1", "B", null, List.of("a@example.com"));
            mailer.using("relay").sendMail("2", "B", null, List.of("a@example.com"));
        }
        assertThat(scripted.greetings()).containsExactly("global.test", "relay.test");
    }

    @Test
    void thePasswordNeverAppearsInToString() {
        try (MailContainer container = MailContainer.with("mail.username", "ada", "mail.password", "s3cret!",
                "mail.use-tls", "true").beans(Client.class).start()) {
            Client c = container.select(Client.class);
            assertThat(c.connection.toString()).doesNotContain("s3cret!").doesNotContain("ada");
            assertThat(c.mailer.connection(SendOptions.builder().authPassword("other-secret").build()).toString())
                    .doesNotContain("other-secret");
        }
    }

}

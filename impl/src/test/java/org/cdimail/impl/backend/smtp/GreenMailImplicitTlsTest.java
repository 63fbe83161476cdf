package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.cdimail.MailException;
import org.cdimail.Mailer;
import org.cdimail.impl.support.MailContainer;
import org.cdimail.impl.support.TestCertificates;

/**
 * Implicit TLS ({@code mail.use-ssl}) against GreenMail's SMTPS server with a self-signed
 * certificate made for this test. GreenMail reads its key store once per JVM from system
 * properties, so this class is the only one to start SMTPS.
 */
class GreenMailImplicitTlsTest {

    @TempDir
    static Path dir;
    static TestCertificates certificate;
    static GreenMail greenMail;

    @BeforeAll
    static void startSmtps() throws Exception {
        certificate = TestCertificates.generate(dir, "greenmail", "ip:127.0.0.1,dns:localhost");
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, certificate.keyStore().toString());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, certificate.password());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY, certificate.password());
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort());
        greenMail.start();
    }

    @AfterAll
    static void stopSmtps() {
        greenMail.stop();
        System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY);
        System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY);
        System.clearProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY);
    }

    private static MailContainer.Builder smtps(String... more) {
        return MailContainer.with("mail.host", "127.0.0.1", "mail.port", Integer.toString(greenMail.getSmtps().getPort()),
                "mail.use-ssl", "true", "mail.timeout", "PT10S").config(more);
    }

    @Test
    void deliversOverImplicitTlsWhenTheCertificateIsTrustedExplicitly() throws Exception {
        try (MailContainer container = smtps("mail.ssl-trust-certfile", certificate.certificatePem().toString()).start()) {
            assertThat(container.select(Mailer.class).sendMail("Over TLS", "B", null, List.of("ada@example.com")))
                    .isEqualTo(1);
        }
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("Over TLS");
    }

    @Test
    void refusesTheSameServerWhenItsCertificateIsNotTrusted() {
        try (MailContainer container = smtps().start()) {
            assertThatThrownBy(() -> container.select(Mailer.class).sendMail("S", "B", null, List.of("ada@example.com")))
                    .isInstanceOf(MailException.class).hasMessageStartingWith("CDIMAIL-00220");
        }
    }
}

package org.cdimail.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cdimail.EmailMessage;
import org.cdimail.Mailer;
import org.cdimail.Outbox;
import org.cdimail.impl.support.MailContainer;
import org.cdimail.inject.Backend;
import org.cdimail.spi.BackendType;
import org.cdimail.spi.EmailBackend;

/** A wrong configuration fails the deployment with a message that names the key. */
class DeploymentProblemsTest {

    /** Boots, expects the deployment to fail, and returns every message in the failure's chain. */
    private static String deploymentFailure(MailContainer.Builder builder) {
        Throwable failure = null;
        try (MailContainer accepted = builder.start()) {
            assertThat(accepted.weld().isRunning()).as("deployment was accepted").isFalse();
        } catch (DeploymentException | DefinitionException e) {
            failure = e;
        }
        assertThat(failure).as("deployment should have failed").isNotNull();
        List<String> messages = new ArrayList<>();
        collect(failure, messages);
        return String.join("\n", messages);
    }

    private static void collect(Throwable t, List<String> messages) {
        if (t == null) {
            return;
        }
        messages.add(String.valueOf(t.getMessage()));
        for (Throwable s : t.getSuppressed()) {
            collect(s, messages);
        }
        collect(t.getCause(), messages);
    }

    @Test
    void anUnknownBackendNameFailsNamingMailBackend() {
        assertThat(deploymentFailure(MailContainer.with("mail.backend", "carrier-pigeon")))
                .contains("CDIMAIL-00201").contains("mail.backend").contains("carrier-pigeon");
    }

    @Test
    void anUnknownBackendOfAnAliasFailsNamingTheAliasKey() {
        assertThat(deploymentFailure(MailContainer.with("mail.backend", "locmem", "mail.news.backend", "nope")))
                .contains("mail.news.backend");
    }

    @Test
    void tlsAndSslBothOnFailsNamingBothKeys() {
        assertThat(deploymentFailure(MailContainer.with("mail.use-tls", "true", "mail.use-ssl", "true")))
                .contains("CDIMAIL-00203").contains("mail.use-tls").contains("mail.use-ssl");
    }

    @Test
    void tlsAndSslBothOnForOneAliasNamesItsKey() {
        assertThat(deploymentFailure(MailContainer.with("mail.backend", "locmem", "mail.out.backend", "smtp",
                "mail.out.use-ssl", "true", "mail.use-tls", "true"))).contains("mail.out.use-ssl").contains("mail.use-tls");
    }

    @Test
    void anUnwritableFilePathFailsNamingMailFilePath(@TempDir Path dir) throws IOException {
        Path regularFile = Files.writeString(dir.resolve("not-a-directory"), "x");
        assertThat(deploymentFailure(MailContainer.with("mail.backend", "file", "mail.file-path",
                regularFile.resolve("mails").toString()))).contains("CDIMAIL-00209").contains("mail.file-path");
    }

    @Test
    void theFileBackendWithoutFilePathFailsNamingMailFilePath() {
        assertThat(deploymentFailure(MailContainer.with("mail.backend", "file"))).contains("CDIMAIL-00208")
                .contains("mail.file-path");
    }

    @Test
    void aMissingFileDirectoryIsCreatedAtDeployment(@TempDir Path dir) {
        Path missing = dir.resolve("a/b/c");
        try (MailContainer container = MailContainer.with("mail.backend", "file", "mail.file-path", missing.toString()).start()) {
            assertThat(container.weld().isRunning()).isTrue();
            assertThat(missing).isDirectory();
        }
    }

    @Test
    void malformedAdminsFailNamingMailAdminsAndNotTheValue() {
        String failure = deploymentFailure(MailContainer.with("mail.admins", "Ada <ada@example.com>, <<oops"));
        assertThat(failure).contains("CDIMAIL-00204").contains("mail.admins").doesNotContain("ada@example.com");
    }

    @Test
    void malformedManagersOfAnAliasFailNamingTheAliasKey() {
        assertThat(deploymentFailure(MailContainer.with("mail.backend", "locmem", "mail.ops.backend", "locmem",
                "mail.ops.managers", "no-domain"))).contains("mail.ops.managers");
    }

    @Test
    void anInvalidPortFailsNamingMailPort() {
        assertThat(deploymentFailure(MailContainer.with("mail.port", "smtp"))).contains("CDIMAIL-00202")
                .contains("mail.port");
    }

    @Test
    void anInvalidTimeoutFailsNamingMailTimeout() {
        assertThat(deploymentFailure(MailContainer.with("mail.timeout", "forever"))).contains("mail.timeout");
        assertThat(deploymentFailure(MailContainer.with("mail.timeout", "PT0S"))).contains("mail.timeout");
    }

    @Test
    void credentialsWithoutTlsFailUnlessPlaintextAuthIsAllowed() {
        String failure = deploymentFailure(MailContainer.with("mail.username", "ada", "mail.password", "s3cret!"));
        assertThat(failure).contains("CDIMAIL-00210").contains("mail.username").contains("mail.allow-plaintext-auth")
                .doesNotContain("s3cret!");
        try (MailContainer container = MailContainer.with("mail.username", "ada", "mail.password", "s3cret!",
                "mail.allow-plaintext-auth", "true").start()) {
            assertThat(container.weld().isRunning()).as("plaintext AUTH allowed on purpose").isTrue();
        }
    }

    @Dependent
    static class InjectsUnknownAlias {
        @Inject
        @Backend("newsletter")
        Mailer newsletter;
    }

    @Test
    void anInjectedAliasWithoutBackendFailsNamingItsKeyAndTheInjectionPoint() {
        assertThat(deploymentFailure(MailContainer.with("mail.backend", "locmem").beans(InjectsUnknownAlias.class)))
                .contains("CDIMAIL-00207").contains("mail.newsletter.backend").contains("InjectsUnknownAlias");
    }

    @BackendType("pigeon")
    @ApplicationScoped
    static class FirstPigeon implements EmailBackend {
        @Override
        public int sendMessages(List<EmailMessage> messages) {
            return 0;
        }
    }

    @BackendType("pigeon")
    @ApplicationScoped
    static class SecondPigeon extends FirstPigeon {
    }

    @Test
    void twoBeansClaimingOneBackendNameFail() {
        assertThat(deploymentFailure(MailContainer.with("mail.backend", "locmem").beans(FirstPigeon.class,
                SecondPigeon.class))).contains("CDIMAIL-00205").contains("@BackendType(\"pigeon\")")
                        .contains("FirstPigeon").contains("SecondPigeon");
    }

    @BackendType("smtp")
    @ApplicationScoped
    static class FakeSmtp extends FirstPigeon {
    }

    @Test
    void aCustomBeanClaimingABuiltinNameFails() {
        assertThat(deploymentFailure(MailContainer.with("mail.backend", "locmem").beans(FakeSmtp.class)))
                .contains("CDIMAIL-00206").contains("FakeSmtp").contains("'smtp'");
    }

    @BackendType("silent")
    @ApplicationScoped
    static class SendsNothing implements EmailBackend {
    }

    @Test
    void aCustomBackendImplementingNeitherDeliverNorSendMessagesFails() {
        assertThat(deploymentFailure(MailContainer.with("mail.backend", "locmem").beans(SendsNothing.class)))
                .contains("CDIMAIL-00261").contains("SendsNothing");
    }

    @Backend("carrier")
    @ApplicationScoped
    static class OldStyleBackend extends FirstPigeon {
    }

    @Test
    void aBackendClassAnnotatedWithTheAliasQualifierFailsPointingToBackendType() {
        assertThat(deploymentFailure(MailContainer.with("mail.backend", "locmem").beans(OldStyleBackend.class)))
                .contains("CDIMAIL-00262").contains("OldStyleBackend").contains("@BackendType(\"carrier\")");
    }

    @Dependent
    static class InjectsAnSmtpOutbox {
        @Inject
        @Backend("transactional")
        Outbox transactional;
    }

    @Test
    void anOutboxInjectedForAnAliasThatKeepsNoMessagesFailsNamingTheAliasAndItsBackend() {
        assertThat(deploymentFailure(MailContainer.with("mail.backend", "locmem", "mail.transactional.backend", "smtp")
                .beans(InjectsAnSmtpOutbox.class))).contains("CDIMAIL-00267").contains("'transactional'")
                        .contains("'smtp'").contains("mail.transactional.backend=locmem")
                        .contains("InjectsAnSmtpOutbox");
    }

    @Test
    void aValidConfigurationDeploys() {
        try (MailContainer container = MailContainer.with("mail.backend", "locmem", "mail.admins",
                "\"Lovelace, Ada\" <ada@example.com>, bob@example.com", "mail.timeout", "2.5").start()) {
            assertThat(container.select(Mailer.class).alias()).isEqualTo("default");
        }
    }
}

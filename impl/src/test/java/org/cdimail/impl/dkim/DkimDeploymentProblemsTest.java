package org.cdimail.impl.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cdimail.impl.support.MailContainer;

/** A DKIM configuration that cannot sign fails the deployment, naming the key, never quoting a key. */
class DkimDeploymentProblemsTest {

    @TempDir
    Path dir;

    private static String deploymentFailure(MailContainer.Builder builder) {
        Throwable failure = null;
        try (MailContainer accepted = builder.start()) {
            assertThat(accepted.weld().isRunning()).as("deployment was accepted").isFalse();
        } catch (DeploymentException | DefinitionException e) {
            failure = e;
        }
        assertThat(failure).as("deployment should have failed").isNotNull();
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            for (Throwable s : t.getSuppressed()) {
                messages.add(String.valueOf(s.getMessage()));
            }
        }
        return String.join("\n", messages);
    }

    private MailContainer.Builder dkim(String selector, String keys, String... more) {
        return MailContainer.with("mail.backend", "console", "mail.signed.backend", "console",
                "mail.signed.dkim.domain", "example.com", "mail.signed.dkim.selector", selector,
                "mail.signed.dkim.private-key", keys, "mail.signed.default-from", "a@example.com").config(more)
                .beans(SignedClient.class);
    }

    /** Injects the alias, so that it is resolved (and checked) at deployment. */
    @jakarta.enterprise.context.Dependent
    static class SignedClient {
        @jakarta.inject.Inject
        @org.cdimail.inject.Backend("signed")
        org.cdimail.Mailer mailer;
    }

    @Test
    void anUnreadableKeyFileFailsNamingTheKey() {
        assertThat(deploymentFailure(dkim("s1", dir.resolve("missing.pem").toString())))
                .contains("CDIMAIL-00602").contains("mail.signed.dkim.private-key");
    }

    @Test
    void anRsaKeyUnder2048BitsFails() throws IOException {
        Path small = DkimTestKeys.generate("small", "RSA", 1024).write(dir);
        assertThat(deploymentFailure(dkim("small", small.toString()))).contains("CDIMAIL-00605")
                .contains("mail.signed.dkim.private-key").contains("1024");
    }

    @Test
    void aPkcs1KeyFailsSayingHowToConvertIt() throws IOException {
        Path pkcs1 = Files.writeString(dir.resolve("old.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n");
        assertThat(deploymentFailure(dkim("s1", pkcs1.toString()))).contains("CDIMAIL-00603")
                .contains("mail.signed.dkim.private-key").contains("openssl pkcs8 -topk8 -nocrypt")
                .doesNotContain("MIIBOgIBAAJBAK");
    }

    @Test
    void aSelectorWithoutAKeyFails() {
        String failure = deploymentFailure(MailContainer.with("mail.signed.backend", "console",
                "mail.signed.dkim.domain", "example.com", "mail.signed.dkim.selector", "s1").beans(SignedClient.class));
        assertThat(failure).contains("CDIMAIL-00600").contains("mail.signed.dkim.private-key");
    }

    @Test
    void moreSelectorsThanKeysFails() {
        Path key = DkimTestKeys.ed25519().write(dir);
        assertThat(deploymentFailure(dkim("s1,s2", key.toString()))).contains("CDIMAIL-00601")
                .contains("mail.signed.dkim.selector").contains("mail.signed.dkim.private-key");
    }

    @Test
    void aDefaultFromOutsideTheSigningDomainFailsWhenAlignmentIsRequired() {
        Path key = DkimTestKeys.ed25519().write(dir);
        String failure = deploymentFailure(dkim("ed2026", key.toString(), "mail.signed.dkim.require-aligned", "true",
                "mail.signed.default-from", "noreply@other.example.net"));
        assertThat(failure).contains("CDIMAIL-00606").contains("mail.signed.dkim.require-aligned")
                .contains("mail.signed.default-from").doesNotContain("noreply").doesNotContain("other.example.net");
    }

    @Test
    void anUnknownCanonicalizationFails() {
        Path key = DkimTestKeys.ed25519().write(dir);
        assertThat(deploymentFailure(dkim("ed2026", key.toString(), "mail.signed.dkim.canonicalization", "loose")))
                .contains("CDIMAIL-00608").contains("mail.signed.dkim.canonicalization");
    }

    @Test
    void aValidConfigurationDeploys() {
        Path key = DkimTestKeys.ed25519().write(dir);
        try (MailContainer container = dkim("ed2026", key.toString(), "mail.signed.dkim.require-aligned", "true")
                .start()) {
            assertThat(container.weld().isRunning()).isTrue();
        }
    }
}

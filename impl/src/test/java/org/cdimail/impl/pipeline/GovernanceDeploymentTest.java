package org.cdimail.impl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.junit.jupiter.api.Test;

import org.cdimail.impl.support.MailContainer;

/** A wrong governance key fails the deployment, naming the key and never its value. */
class GovernanceDeploymentTest {

    private static String deploymentFailure(MailContainer.Builder builder) {
        List<String> messages = new ArrayList<>();
        try (MailContainer accepted = builder.start()) {
            assertThat(accepted.weld().isRunning()).as("deployment was accepted").isFalse();
        } catch (DeploymentException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                messages.add(String.valueOf(t.getMessage()));
            }
        }
        assertThat(messages).as("deployment should have failed").isNotEmpty();
        return String.join("\n", messages);
    }

    @Test
    void anInvalidRegexFailsTheDeploymentNamingTheKey() {
        assertThat(deploymentFailure(MailContainer.with("mail.backend", "locmem",
                "mail.default.allowed-recipients", "*@example.com, regex:([a-z]+@hidden\\.example")))
                .contains("CDIMAIL-00320").contains("mail.default.allowed-recipients").contains("pattern 2")
                .doesNotContain("hidden");
    }

    @Test
    void anInvalidPatternOfAnInjectedAliasFailsTheDeploymentNamingTheGlobalKey() {
        assertThat(deploymentFailure(MailContainer.with("mail.backend", "locmem", "mail.news.backend", "locmem",
                "mail.allowed-recipients", "example.com"))).contains("CDIMAIL-00320").contains("mail.allowed-recipients");
    }

    @Test
    void aMalformedRedirectAddressFailsTheDeploymentNamingTheKey() {
        assertThat(deploymentFailure(MailContainer.with("mail.backend", "locmem",
                "mail.redirect-to", "qa@example.com, <<broken"))).contains("CDIMAIL-00204").contains("mail.redirect-to")
                .doesNotContain("qa@example.com");
    }

    @Test
    void anUnknownDisallowedModeFailsTheDeploymentNamingTheKey() {
        assertThat(deploymentFailure(MailContainer.with("mail.backend", "locmem",
                "mail.allowed-recipients", "*@example.com", "mail.disallowed-recipients", "bounce")))
                .contains("CDIMAIL-00321").contains("mail.disallowed-recipients");
    }

    @Test
    void validKeysDeploy() {
        try (MailContainer container = MailContainer.with("mail.backend", "locmem", "mail.redirect-to",
                "QA <qa@example.com>", "mail.allowed-recipients", "*@example.com,regex:.{1,3}@test\\.org",
                "mail.disallowed-recipients", "fail").start()) {
            assertThat(container.weld().isRunning()).isTrue();
        }
    }
}

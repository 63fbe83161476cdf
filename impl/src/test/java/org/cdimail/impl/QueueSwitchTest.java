package org.cdimail.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.junit.jupiter.api.Test;

import org.cdimail.impl.support.MailContainer;

/** {@code queue.enabled} without the queue module: the deployment fails naming the key and the artifact. */
class QueueSwitchTest {

    private static String failure(MailContainer.Builder builder) {
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
    void aQueuedAliasWithoutTheQueueArtifactFailsNamingTheKeyAndTheArtifact() {
        assertThat(failure(MailContainer.with("mail.backend", "smtp", "mail.queue.enabled", "true")))
                .contains("CDIMAIL-00271").contains("mail.queue.enabled").contains("org.cdimail:cdi-mail-queue");
    }

    @Test
    void aQueueSwitchThatIsNotABooleanFailsNamingTheAliasKey() {
        assertThat(failure(MailContainer.with("mail.backend", "smtp", "mail.default.queue.enabled", "yes")))
                .contains("CDIMAIL-00270").contains("mail.default.queue.enabled");
    }

    @Test
    void withoutTheKeyNothingChanges() {
        try (MailContainer container = MailContainer.with("mail.backend", "locmem").start()) {
            assertThat(container.weld().isRunning()).isTrue();
        }
    }
}

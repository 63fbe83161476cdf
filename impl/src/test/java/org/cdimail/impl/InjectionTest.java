package org.cdimail.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import org.cdimail.EmailMessage;
import org.cdimail.Mailer;
import org.cdimail.Outbox;
import org.cdimail.impl.backend.console.ConsoleBackend;
import org.cdimail.impl.backend.dummy.DummyBackend;
import org.cdimail.impl.backend.locmem.LocmemBackend;
import org.cdimail.impl.backend.smtp.SmtpBackend;
import org.cdimail.impl.support.MailContainer;
import org.cdimail.inject.Backend;
import org.cdimail.spi.EmailBackend;

/** How aliases are injected and resolved, and how they are kept apart. */
class InjectionTest {

    @Dependent
    static class Client {
        @Inject
        Mailer mailer;
        @Inject
        @Backend("console")
        EmailBackend console;
        @Inject
        @Backend("console")
        EmailBackend anotherConsole;
        @Inject
        EmailBackend defaultConnection;
    }

    @Dependent
    static class AliasClient {
        @Inject
        Mailer mailer;
        @Inject
        @Backend("transactional")
        Mailer transactional;
        @Inject
        @Backend("transactional")
        Outbox transactionalOutbox;
        @Inject
        @Backend("marketing")
        Outbox marketingOutbox;
        @Inject
        Outbox defaultOutbox;
    }

    private static EmailMessage message(String subject) {
        return EmailMessage.builder().subject(subject).body("Body").to("ada@example.com").build();
    }

    @Test
    void unqualifiedInjectionUsesTheDefaultAliasWhoseBackendIsSmtpByDefault() {
        try (MailContainer container = MailContainer.empty(Client.class)) {
            Client client = container.select(Client.class);
            assertThat(client.mailer.alias()).isEqualTo("default");
            assertThat(client.defaultConnection).isInstanceOf(SmtpBackend.class);
        }
    }

    @Test
    void aBackendNameWorksAsAnAliasWithNoConfiguration() {
        try (MailContainer container = MailContainer.empty(Client.class)) {
            Client client = container.select(Client.class);
            assertThat(client.console).isInstanceOf(ConsoleBackend.class);
        }
    }

    @Test
    void eachInjectedEmailBackendIsANewConnection() {
        try (MailContainer container = MailContainer.empty(Client.class)) {
            Client client = container.select(Client.class);
            assertThat(client.console).isNotSameAs(client.anotherConsole);
        }
    }

    @Test
    void aliasesAreIsolatedEachWithItsOwnOutbox() {
        try (MailContainer container = MailContainer.with("mail.transactional.backend", "locmem",
                "mail.marketing.backend", "locmem", "mail.backend", "locmem").beans(AliasClient.class).start()) {
            AliasClient client = container.select(AliasClient.class);
            client.transactional.send(message("Receipt"));
            client.mailer.using("marketing").send(message("Offer"));
            client.mailer.send(message("Default"));
            assertThat(client.transactionalOutbox.messages()).extracting(EmailMessage::subject).containsExactly("Receipt");
            assertThat(client.marketingOutbox.messages()).extracting(EmailMessage::subject).containsExactly("Offer");
            assertThat(client.defaultOutbox.messages()).extracting(EmailMessage::subject).containsExactly("Default");
        }
    }

    @Test
    void perAliasKeysFallBackToGlobalKeys() {
        try (MailContainer container = MailContainer.with("mail.backend", "locmem", "mail.admins", "ops@example.com",
                "mail.server-email", "global@example.com", "mail.transactional.backend", "locmem",
                "mail.transactional.server-email", "receipts@example.com", "mail.marketing.backend", "locmem")
                .beans(AliasClient.class).start()) {
            AliasClient client = container.select(AliasClient.class);
            client.transactional.mailAdmins("Alert", "Body");
            client.mailer.mailAdmins("Alert", "Body");
            assertThat(client.transactionalOutbox.messages().get(0).from()).contains("receipts@example.com");
            assertThat(client.transactionalOutbox.messages().get(0).to()).containsExactly("ops@example.com");
            assertThat(client.defaultOutbox.messages().get(0).from()).contains("global@example.com");
        }
    }

    @Test
    void usingResolvesAnAliasNotSeenAtDeploymentWhenConfigured() {
        try (MailContainer container = MailContainer.with("mail.backend", "locmem", "mail.late.backend", "dummy").start()) {
            Mailer mailer = container.select(Mailer.class);
            assertThat(mailer.using("late").send(message("Hi"))).isEqualTo(1);
            assertThat(mailer.using("late").connection()).isInstanceOf(DummyBackend.class);
            assertThat(mailer.using("locmem").connection()).isInstanceOf(LocmemBackend.class);
        }
    }

    @Test
    void usingAnUnknownAliasIsAnIllegalArgumentNamingItsKey() {
        try (MailContainer container = MailContainer.with("mail.backend", "locmem").start()) {
            Mailer mailer = container.select(Mailer.class);
            assertThatThrownBy(() -> mailer.using("nowhere")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nowhere").hasMessageContaining("mail.nowhere.backend");
        }
    }

    @Test
    void programmaticLookupWorksForEveryBuiltinBackendName() {
        try (MailContainer container = MailContainer.empty()) {
            for (String name : List.of("smtp", "console", "locmem", "dummy")) {
                assertThat(container.select(Mailer.class, Backend.Literal.of(name)).alias()).isEqualTo(name);
            }
            assertThat(container.select(EmailBackend.class, Backend.Literal.of("dummy"))).isInstanceOf(DummyBackend.class);
        }
    }

    @Test
    void theDefaultAliasIsAlsoReachableByItsName() {
        try (MailContainer container = MailContainer.with("mail.backend", "locmem").start()) {
            Outbox byName = container.select(Outbox.class, Backend.Literal.DEFAULT_ALIAS);
            container.select(Mailer.class).send(message("Hi"));
            assertThat(byName.size()).isEqualTo(1);
            assertThat(container.select(Outbox.class).size()).isEqualTo(1);
        }
    }
}

package org.cdimail.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.cdimail.BadHeaderException;
import org.cdimail.EmailAlternative;
import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.Mailer;
import org.cdimail.Outbox;
import org.cdimail.SendOptions;
import org.cdimail.impl.support.MailContainer;
import org.cdimail.impl.support.RecordingBackend;
import org.cdimail.inject.Backend;
import org.cdimail.spi.EmailBackend;

/** Django's {@code send_mail}, {@code send_mass_mail}, {@code mail_admins} and {@code mail_managers}. */
class MailerFacadeTest {

    @Dependent
    static class Client {
        @Inject
        Mailer mailer;
        @Inject
        Outbox outbox;
        @Inject
        @Backend("recording")
        Mailer recording;
    }

    @BeforeEach
    void resetRecording() {
        RecordingBackend.reset();
    }

    private static MailContainer locmem(String... more) {
        return MailContainer.with("mail.backend", "locmem").config(more).beans(Client.class, RecordingBackend.class).start();
    }

    @Test
    void sendMailSendsOneMessageAndReturnsOne() {
        try (MailContainer container = locmem()) {
            Client client = container.select(Client.class);
            assertThat(client.mailer.sendMail("Subject", "Body", "from@example.com", List.of("ada@example.com", "bob@example.com")))
                    .isEqualTo(1);
            EmailMessage sent = client.outbox.messages().get(0);
            assertThat(sent.subject()).isEqualTo("Subject");
            assertThat(sent.body()).isEqualTo("Body");
            assertThat(sent.from()).contains("from@example.com");
            assertThat(sent.to()).containsExactly("ada@example.com", "bob@example.com");
        }
    }

    @Test
    void sendMailWithNoRecipientsSendsNothingAndReturnsZero() {
        try (MailContainer container = locmem()) {
            Client client = container.select(Client.class);
            assertThat(client.mailer.sendMail("Subject", "Body", null, List.of())).isZero();
            assertThat(client.outbox.size()).isZero();
        }
    }

    @Test
    void sendMailAddsTheHtmlMessageAsAnAlternative() {
        try (MailContainer container = locmem()) {
            Client client = container.select(Client.class);
            client.mailer.sendMail("S", "Text", null, List.of("ada@example.com"),
                    SendOptions.builder().htmlMessage("<p>Text</p>").build());
            assertThat(client.outbox.messages().get(0).alternatives())
                    .containsExactly(EmailAlternative.of("<p>Text</p>", "text/html"));
        }
    }

    @Test
    void sendMailUsesTheGivenConnection() {
        try (MailContainer container = locmem()) {
            Client client = container.select(Client.class);
            try (EmailBackend connection = client.recording.connection()) {
                client.mailer.sendMail("Via recording", "B", null, List.of("ada@example.com"),
                        SendOptions.builder().connection(connection).build());
            }
            assertThat(RecordingBackend.SENT).extracting(EmailMessage::subject).containsExactly("Via recording");
            assertThat(client.outbox.size()).isZero();
        }
    }

    @Test
    void failSilentlySwallowsDeliveryFailuresButNeverHeaderInjection() {
        try (MailContainer container = locmem()) {
            Client client = container.select(Client.class);
            RecordingBackend.failing = true;
            assertThatThrownBy(() -> client.recording.sendMail("S", "B", null, List.of("ada@example.com")))
                    .isInstanceOf(MailException.class);
            SendOptions silently = SendOptions.builder().failSilently(true).build();
            assertThat(client.recording.sendMail("S", "B", null, List.of("ada@example.com"), silently)).isZero();
            assertThatThrownBy(() -> client.recording.sendMail("S\nBcc: victim@example.com", "B", null,
                    List.of("ada@example.com"), silently)).isInstanceOf(BadHeaderException.class);
        }
    }

    @Test
    void sendMassMailSendsEveryMessageOverOneConnection() {
        try (MailContainer container = locmem()) {
            Client client = container.select(Client.class);
            List<EmailMessage> messages = List.of(
                    EmailMessage.builder().subject("1").to("ada@example.com").build(),
                    EmailMessage.builder().subject("2").to("bob@example.com").build(),
                    EmailMessage.builder().subject("no recipients").build());
            assertThat(client.recording.sendMassMail(messages)).isEqualTo(2);
            assertThat(RecordingBackend.INSTANCES.get()).isEqualTo(1);
            assertThat(RecordingBackend.OPENS.get()).isEqualTo(1);
        }
    }

    @Test
    void mailAdminsPrefixesTheSubjectAndSendsFromServerEmail() {
        try (MailContainer container = locmem("mail.admins", "\"Lovelace, Ada\" <ada@example.com>, bob@example.com",
                "mail.server-email", "server@example.com", "mail.subject-prefix", "[Site] ")) {
            Client client = container.select(Client.class);
            assertThat(client.mailer.mailAdmins("Down", "It broke",
                    SendOptions.builder().htmlMessage("<b>It broke</b>").build())).isEqualTo(1);
            EmailMessage sent = client.outbox.messages().get(0);
            assertThat(sent.subject()).isEqualTo("[Site] Down");
            assertThat(sent.from()).contains("server@example.com");
            assertThat(sent.to()).containsExactly("\"Lovelace, Ada\" <ada@example.com>", "bob@example.com");
            assertThat(sent.alternatives()).extracting(EmailAlternative::mimetype).containsExactly("text/html");
        }
    }

    @Test
    void mailManagersUsesTheDefaultPrefixAndServerEmail() {
        try (MailContainer container = locmem("mail.managers", "carol@example.com")) {
            Client client = container.select(Client.class);
            client.mailer.mailManagers("Report", "Numbers");
            EmailMessage sent = client.outbox.messages().get(0);
            assertThat(sent.subject()).isEqualTo("[cdi-mail] Report");
            assertThat(sent.from()).contains("root@localhost");
            assertThat(sent.to()).containsExactly("carol@example.com");
        }
    }

    @Test
    void anEmptySubjectPrefixMeansNoPrefix() {
        try (MailContainer container = locmem("mail.managers", "carol@example.com", "mail.subject-prefix", "")) {
            Client client = container.select(Client.class);
            client.mailer.mailManagers("Report", "Numbers");
            assertThat(client.outbox.messages().get(0).subject()).isEqualTo("Report");
        }
    }

    @Test
    void mailAdminsAndManagersWithEmptyListsSendNothingAndOpenNoConnection() {
        try (MailContainer container = locmem()) {
            Client client = container.select(Client.class);
            assertThat(client.recording.mailAdmins("S", "B")).isZero();
            assertThat(client.recording.mailManagers("S", "B")).isZero();
            assertThat(RecordingBackend.INSTANCES.get()).isZero();
            assertThat(RecordingBackend.OPENS.get()).isZero();
        }
    }

    @Test
    void sendSendsAMessageThroughTheAliasOrAGivenConnection() {
        try (MailContainer container = locmem()) {
            Client client = container.select(Client.class);
            EmailMessage message = EmailMessage.builder().subject("Hi").to("ada@example.com").build();
            assertThat(client.mailer.send(message)).isEqualTo(1);
            try (EmailBackend connection = client.mailer.connection()) {
                assertThat(connection.open()).isFalse(); // locmem needs no connection
                assertThat(client.mailer.send(message, SendOptions.builder().connection(connection).build())).isEqualTo(1);
            }
            assertThat(client.outbox.size()).isEqualTo(2);
        }
    }

    @Test
    void connectionWithFailSilentlyGivesACustomBackendFailSilently() {
        try (MailContainer container = locmem()) {
            Client client = container.select(Client.class);
            RecordingBackend.failing = true;
            try (EmailBackend connection = client.recording.connection(SendOptions.builder().failSilently(true).build())) {
                assertThat(connection.sendMessages(List.of(EmailMessage.builder().to("ada@example.com").build()))).isZero();
            }
        }
    }
}

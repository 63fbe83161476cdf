package org.cdimail.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.cdimail.EmailMessage;
import org.cdimail.Mailer;
import org.cdimail.impl.support.MailContainer;
import org.cdimail.impl.support.RecordingBackend;
import org.cdimail.inject.Backend;
import org.cdimail.spi.EmailBackend;

/** A CDI bean implementing EmailBackend with {@code @Backend("name")} is selected like a built-in backend. */
class CustomBackendTest {

    private static final EmailMessage MESSAGE = EmailMessage.builder().subject("Custom").to("ada@example.com").build();

    @Dependent
    static class Client {
        @Inject
        Mailer mailer;
        @Inject
        EmailBackend connection;
        @Inject
        @Backend("recording")
        EmailBackend recording;
        @Inject
        @Backend("recording")
        Mailer recordingMailer;
    }

    @BeforeEach
    void reset() {
        RecordingBackend.reset();
    }

    @Test
    void mailBackendSelectsACustomBackendForTheDefaultAlias() {
        try (MailContainer container = MailContainer.with("mail.backend", "recording")
                .beans(Client.class, RecordingBackend.class).start()) {
            Client client = container.select(Client.class);
            assertThat(client.connection).isInstanceOf(RecordingBackend.class);
            assertThat(client.mailer.send(MESSAGE)).isEqualTo(1);
            assertThat(RecordingBackend.SENT).containsExactly(MESSAGE);
        }
    }

    @Test
    void anAliasBackendKeySelectsACustomBackend() {
        try (MailContainer container = MailContainer.with("mail.backend", "locmem", "mail.partner.backend", "recording")
                .beans(Client.class, RecordingBackend.class).start()) {
            Mailer partner = container.select(Mailer.class).using("partner");
            assertThat(partner.send(MESSAGE)).isEqualTo(1);
            assertThat(partner.connection()).isInstanceOf(RecordingBackend.class);
            assertThat(RecordingBackend.SENT).hasSize(1);
        }
    }

    @Test
    void theCustomBeanItselfServesItsOwnName() {
        try (MailContainer container = MailContainer.with("mail.backend", "locmem")
                .beans(Client.class, RecordingBackend.class).start()) {
            Client client = container.select(Client.class);
            assertThat(client.recording).isInstanceOf(RecordingBackend.class);
            assertThat(client.recordingMailer.sendMassMail(List.of(MESSAGE, MESSAGE))).isEqualTo(2);
        }
    }
}

package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.cdimail.EmailMessage;
import org.cdimail.Mailer;
import org.cdimail.SendOptions;
import org.cdimail.impl.support.MailContainer;

/**
 * {@code pool.max-messages-per-connection} counts every message a connection carried, including
 * one the server took for some recipients only, or refused after its content: a provider that
 * limits messages per connection counts transactions, not clean successes.
 */
class SmtpCapCountTest {

    private WirePeer peer;
    private MailContainer container;

    @BeforeEach
    void startPeer() throws IOException {
        peer = new WirePeer();
    }

    @AfterEach
    void stop() throws IOException {
        if (container != null) {
            container.close();
        }
        peer.close();
    }

    private Mailer mailer() {
        container = MailContainer.with("mail.host", "127.0.0.1", "mail.port", Integer.toString(peer.port()),
                "mail.timeout", "PT2S", "mail.pool.max-messages-per-connection", "2").start();
        return container.select(Mailer.class);
    }

    private static EmailMessage message(int i, String... to) {
        return EmailMessage.builder().subject("Message " + i).body("Body " + i).from("from@example.com").to(to)
                .build();
    }

    @ParameterizedTest(name = "PIPELINING offered: {0}")
    @ValueSource(booleans = { false, true })
    void aMessageTakenForSomeRecipientsOnlyCountsTowardsTheCap(boolean pipelining) {
        peer.script().pipelining(pipelining).refusingRecipients("refused@example.com");
        int sent = mailer().sendMassMail(List.of(message(1, "a@example.com", "refused@example.com"),
                message(2, "b@example.com"), message(3, "c@example.com")),
                SendOptions.builder().failSilently(true).build());

        assertThat(sent).isEqualTo(3);
        assertThat(peer.delivered()).hasSize(3);
        assertThat(peer.conversation(1).commandsStartingWith("MAIL FROM")).as("messages on connection 1 (cap 2)")
                .hasSize(2);
        assertThat(peer.connections()).isEqualTo(2);
    }

    @ParameterizedTest(name = "PIPELINING offered: {0}")
    @ValueSource(booleans = { false, true })
    void aMessageRefusedAfterItsContentCountsTowardsTheCap(boolean pipelining) {
        peer.script().pipelining(pipelining).dotReply(554);
        int sent = mailer().sendMassMail(List.of(message(1, "a@example.com"), message(2, "b@example.com"),
                message(3, "c@example.com")), SendOptions.builder().failSilently(true).build());

        assertThat(sent).isZero();
        assertThat(peer.conversation(1).commandsStartingWith("MAIL FROM")).as("messages on connection 1 (cap 2)")
                .hasSize(2);
        assertThat(peer.connections()).isEqualTo(2);
    }
}

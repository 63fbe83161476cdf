package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.cdimail.EmailMessage;
import org.cdimail.Mailer;
import org.cdimail.impl.backend.smtp.WirePeer.Conversation;
import org.cdimail.impl.support.MailContainer;

/**
 * {@link SmtpWire} refuses to send a command containing CR or LF (an address smuggling a second
 * command): nothing of the refused command may reach the server, then or later, and the next
 * message must go out with its own envelope only.
 */
class SmtpWireCommandInjectionTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final String FROM = "from@example.com";

    private WirePeer peer;
    private SmtpWire wire;

    @BeforeEach
    void startPeer() throws IOException {
        peer = new WirePeer();
    }

    @AfterEach
    void stop() throws IOException {
        if (wire != null) {
            wire.close();
        }
        peer.close();
    }

    private SmtpWire connect() throws MessagingException {
        wire = SmtpWire.connect(new SmtpWire.Endpoint("127.0.0.1", peer.port(), 2000, null, false, false), null, null);
        return wire;
    }

    private static MimeMessage message(String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(new InternetAddress(FROM));
        message.setRecipients(Message.RecipientType.TO, "to@example.com");
        message.setSubject(subject);
        message.setText("Body of " + subject, "UTF-8");
        return message;
    }

    private static void send(SmtpWire wire, String subject, String recipient) throws MessagingException {
        wire.send(new InternetAddress(FROM), List.of(new InternetAddress(recipient)), message(subject));
    }

    private static InternetAddress injecting() {
        InternetAddress address = new InternetAddress();
        address.setAddress("a@example.com>\r\nRCPT TO:<x@injected.example");
        return address;
    }

    @ParameterizedTest(name = "pipelining: {0}")
    @ValueSource(booleans = { false, true })
    void aCommandContainingCrLfIsRefusedAndNothingOfItReachesTheServer(boolean pipelining) throws Exception {
        peer.script().pipelining(pipelining);
        connect();
        Throwable failure = catchThrowable(() -> wire.send(new InternetAddress(FROM),
                List.of(new InternetAddress("ok@example.com"), injecting()), message("Injected")));
        wire.close();
        Conversation conversation = peer.conversation(1);
        WirePeer.await(() -> conversation.ended, "the connection closed");

        assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("CDIMAIL-00297");
        assertThat(conversation.raw()).doesNotContain("injected.example").doesNotContain("RCPT TO:<a@example.com>");
        assertThat(conversation.commands).noneMatch(c -> c.contains("a@example.com"));
        assertThat(peer.delivered()).isEmpty();
    }

    @ParameterizedTest(name = "pipelining: {0}")
    @ValueSource(booleans = { false, true })
    void afterRefusingACommandContainingCrLfTheNextMessageGoesOutIntactOrOnANewConnection(boolean pipelining)
            throws Exception {
        peer.script().pipelining(pipelining);
        connect();
        catchThrowable(() -> wire.send(new InternetAddress(FROM), List.of(injecting()), message("Injected")));
        if (!wire.isOpen()) {
            connect();
        }
        send(wire, "Clean", "clean@example.com");

        assertThat(peer.delivered()).singleElement().satisfies(d -> {
            assertThat(d.sender()).isEqualTo(FROM);
            assertThat(d.recipients()).containsExactly("clean@example.com");
        });
        for (int i = 1; i <= peer.connections(); i++) {
            assertThat(peer.conversation(i).replies).as("replies on connection %d", i)
                    .noneMatch(r -> r.code() >= 500);
            assertThat(peer.conversation(i).raw()).doesNotContain("injected.example");
        }
    }

    @ParameterizedTest(name = "pipelining: {0}")
    @ValueSource(booleans = { false, true })
    void aPooledConnectionStaysInStepAfterAnAddressTheWireRefuses(boolean pipelining) {
        peer.script().pipelining(pipelining);
        try (MailContainer container = MailContainer.with("mail.host", "127.0.0.1", "mail.port",
                Integer.toString(peer.port()), "mail.timeout", "PT2S", "mail.pool.max-connections", "1").start()) {
            Mailer mailer = container.select(Mailer.class);
            Throwable first = catchThrowable(() -> mailer.sendMail("Tab", "Body", FROM,
                    List.of("ok@example.com", "\"a\u007fb\"@example.com")));
            int sent = mailer.sendMail("Clean", "Body", FROM, List.of("clean@example.com"));

            assertThat(first).as("the first message").isNotNull();
            assertThat(sent).isEqualTo(1);
            assertThat(peer.delivered()).singleElement()
                    .satisfies(d -> assertThat(d.recipients()).containsExactly("clean@example.com"));
            for (int i = 1; i <= peer.connections(); i++) {
                assertThat(peer.conversation(i).replies).as("replies on connection %d", i)
                        .noneMatch(r -> r.code() >= 500);
            }
        }
    }

    /**
     * In a pipelined batch the next message's commands are written right after the final dot: an
     * envelope that cannot be sent is not begun there (the first message goes out and succeeds on
     * its own) and fails in its own call, where nothing of it reaches the server.
     */
    @Test
    void anEnvelopeThatCannotBeSentIsNotBegunWithThePreviousMessagesDot() throws Exception {
        peer.script().pipelining(true);
        connect();
        org.cdimail.impl.mime.Envelope bad = new org.cdimail.impl.mime.Envelope(new InternetAddress(FROM),
                List.of(injecting()));
        wire.send(new org.cdimail.impl.mime.Envelope(new InternetAddress(FROM),
                List.of(new InternetAddress("a@example.com"))), message("First"), () -> bad);
        assertThat(wire.begun()).as("begun").isNull();
        Throwable failure = catchThrowable(() -> wire.send(bad, message("Second"), null));
        Conversation conversation = peer.conversation(1);
        WirePeer.await(() -> conversation.ended, "the connection closed (not leaked)");

        assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("CDIMAIL-00297");
        assertThat(peer.delivered()).singleElement()
                .satisfies(d -> assertThat(d.recipients()).containsExactly("a@example.com"));
        assertThat(conversation.replies).as("replies").noneMatch(r -> r.code() >= 500);
        assertThat(conversation.raw()).doesNotContain("injected.example");
        assertThat(wire.isOpen()).isFalse();
    }

    /** An address with a control character in a quoted local part is refused before any connection. */
    @Test
    void aControlCharacterInAQuotedLocalPartIsRefusedBeforeConnecting() {
        EmailMessage good = EmailMessage.builder().subject("First").body("Body").from(FROM).to("a@example.com").build();
        EmailMessage bad = EmailMessage.builder().subject("Second").body("Body").from(FROM)
                .to("\"a\u007fb\"@example.com").build();
        Throwable failure;
        try (MailContainer container = MailContainer.with("mail.host", "127.0.0.1", "mail.port",
                Integer.toString(peer.port()), "mail.timeout", "PT2S").start()) {
            Mailer mailer = container.select(Mailer.class);
            failure = catchThrowable(() -> mailer.sendMassMail(List.of(good, bad)));
        }

        assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control character")
                .hasMessageNotContaining("a\u007fb");
        assertThat(peer.connections()).isZero();
    }
}

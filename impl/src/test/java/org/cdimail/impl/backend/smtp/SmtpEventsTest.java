package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Mailer;
import org.cdimail.Receipt;
import org.cdimail.Refusal;
import org.cdimail.event.AfterSend;
import org.cdimail.event.BeforeSend;
import org.cdimail.event.SendFailed;
import org.cdimail.impl.support.MailContainer;

/**
 * The mail events and recipient governance against a real SMTP peer: what observers and
 * governance decide is what goes over the wire, and what the server answers is what the
 * observers are told.
 */
class SmtpEventsTest {

    private static final String FROM = "app@example.com";

    private WirePeer peer;
    private MailContainer container;

    /** Vetoes mail to one domain, stamps the rest, and records what it is told. */
    @ApplicationScoped
    public static class Observer {
        static final List<AfterSend> SENT = new CopyOnWriteArrayList<>();
        static final List<SendFailed> FAILED = new CopyOnWriteArrayList<>();

        void vetoOrStamp(@Observes BeforeSend event) {
            if (event.message().recipients().stream().anyMatch(r -> r.endsWith("@blocked.example"))) {
                event.veto("blocked domain");
            } else {
                event.replace(event.message().toBuilder().header("X-Checked-By", "observer").build());
            }
        }

        void sent(@Observes AfterSend event) {
            SENT.add(event);
        }

        void failed(@Observes SendFailed event) {
            FAILED.add(event);
        }
    }

    @BeforeEach
    void startPeer() throws IOException {
        peer = new WirePeer();
        Observer.SENT.clear();
        Observer.FAILED.clear();
    }

    @AfterEach
    void stop() throws IOException {
        if (container != null) {
            container.close();
        }
        peer.close();
    }

    private Mailer mailer(String... more) {
        container = MailContainer.with("mail.host", "127.0.0.1", "mail.port", Integer.toString(peer.port()),
                "mail.timeout", "PT1S").config(more).beans(Observer.class).start();
        return container.select(Mailer.class);
    }

    private static EmailMessage message(String subject, String... to) {
        return EmailMessage.builder().subject(subject).body("Body of " + subject).from(FROM).to(to).build();
    }

    @Test
    void anObserverVetoesOneDomainAndAddsAHeaderToTheRestOnTheWire() {
        int sent = mailer().sendMassMail(List.of(message("Blocked", "x@blocked.example"),
                message("Welcome", "ada@example.com"), message("Also blocked", "y@example.com", "z@blocked.example")));

        assertThat(sent).isEqualTo(1);
        assertThat(peer.delivered()).singleElement().satisfies(d -> {
            assertThat(d.recipients()).containsExactly("ada@example.com");
            assertThat(d.content()).contains("Subject: Welcome").contains("X-Checked-By: observer");
        });
        assertThat(peer.allCommands()).noneMatch(c -> c.contains("blocked.example"));
        assertThat(Observer.SENT).singleElement().satisfies(e -> {
            assertThat(e.alias()).isEqualTo("default");
            assertThat(e.fromQueue()).isFalse();
            assertThat(e.receipt().index()).as("the index in the caller's batch").isEqualTo(1);
            assertThat(e.receipt().accepted()).containsExactly("ada@example.com");
            assertThat(e.message()).hasValueSatisfying(m -> assertThat(m.headers()).containsKey("X-Checked-By"));
        });
        assertThat(Observer.FAILED).as("a veto is no failure").isEmpty();
    }

    @Test
    void theReceiptsOfAVetoedMessageRefuseEveryRecipientByPolicy() {
        List<Receipt> receipts = mailer().deliver(List.of(message("Welcome", "ada@example.com"),
                message("Blocked", "x@blocked.example")));

        assertThat(receipts).extracting(Receipt::index, Receipt::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, Receipt.Status.SENT),
                org.assertj.core.groups.Tuple.tuple(1, Receipt.Status.NOT_SENT));
        assertThat(receipts.get(1).refused()).containsExactly(Refusal.byPolicy("x@blocked.example", "blocked domain"));
        assertThat(receipts.get(0).replyCode()).hasValue(250);
    }

    @Test
    void aFailureObserverSeesA550AsPermanentAndReported() {
        peer.script().recipientReply("gone@example.com", "550 5.1.1 no such user");

        MailDeliveryException e = catchThrowableOfType(MailDeliveryException.class, () -> mailer().send(message("Hello", "gone@example.com")));

        assertThat(e).isNotNull();
        assertThat(Observer.FAILED).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("550 5.1.1");
            assertThat(f.temporary()).isFalse();
            assertThat(f.outcome()).isEqualTo(SendFailed.Outcome.REPORTED);
            assertThat(f.fromQueue()).isFalse();
            assertThat(f.receipt().refused()).containsExactly(Refusal.byReply("gone@example.com", 550, "5.1.1"));
        });
        assertThat(Observer.SENT).isEmpty();
    }

    @Test
    void aPartlySentMessageTellsBothAfterSendAndSendFailed() {
        peer.script().recipientReply("gone@example.com", "550 5.1.1 no such user");

        List<Receipt> receipts = mailer().connection(org.cdimail.SendOptions.builder().failSilently(true).build())
                .deliver(List.of(message("Hello", "ada@example.com", "gone@example.com")));

        assertThat(receipts.get(0).status()).isEqualTo(Receipt.Status.PARTLY_SENT);
        assertThat(Observer.SENT).singleElement().satisfies(s -> assertThat(s.receipt()).isSameAs(receipts.get(0)));
        assertThat(Observer.FAILED).singleElement().satisfies(f -> assertThat(f.reason()).isEqualTo("550 5.1.1"));
    }

    @Test
    void aFailureObserverSeesA421AsTemporary() {
        peer.script().answer421To("MAIL");

        assertThat(catchThrowableOfType(MailException.class, () -> mailer().send(message("Hello", "ada@example.com"))))
                .isNotNull();

        assertThat(Observer.FAILED).singleElement().satisfies(f -> {
            assertThat(f.temporary()).isTrue();
            assertThat(f.outcome()).isEqualTo(SendFailed.Outcome.REPORTED);
            assertThat(f.reason()).isNotBlank();
        });
    }

    @Test
    void aFailureObserverSeesATimeoutAsTemporaryWithTheErrorIdAndTheSenderStillGetsTheException() {
        peer.script().silentFrom("");

        MailException e = catchThrowableOfType(MailException.class, () -> mailer().sendMassMail(List.of(message("One", "ada@example.com"),
                message("Two", "bob@example.com"))));

        assertThat(e).isNotNull();
        assertThat(Observer.FAILED).hasSize(2).allSatisfy(f -> {
            assertThat(f.temporary()).isTrue();
            assertThat(f.reason()).matches("CDIMAIL-\\d{5}");
        });
        assertThat(Observer.FAILED).extracting(f -> f.receipt().index()).containsExactly(0, 1);
        assertThat(e.getMessage()).as("the first failed, the second was not attempted")
                .startsWith(Observer.FAILED.get(0).reason());
        assertThat(Observer.FAILED.get(1).receipt().status()).isEqualTo(Receipt.Status.NOT_ATTEMPTED);
    }

    @Test
    void redirectToSendsOnlyToTheRedirectAddressesWithTheOriginalsInHeaders() {
        int sent = mailer("mail.redirect-to", "qa@example.com").send(EmailMessage.builder().subject("Hi").body("Body")
                .from(FROM).to("ada@customer.example").cc("carol@customer.example").bcc("audit@customer.example")
                .build());

        assertThat(sent).isEqualTo(1);
        assertThat(peer.delivered()).singleElement().satisfies(d -> {
            assertThat(d.recipients()).containsExactly("qa@example.com");
            assertThat(d.content()).contains("To: qa@example.com").contains("X-Original-To: ada@customer.example")
                    .contains("X-Original-Cc: carol@customer.example")
                    .contains("X-Original-Bcc: audit@customer.example").doesNotContain("\r\nCc:");
        });
    }

    @Test
    void allowedRecipientsDropTheOthersBeforeTheServerSeesThem() {
        List<Receipt> receipts = mailer("mail.allowed-recipients", "*@example.com, regex:qa-[0-9]+@test\\.org")
                .deliver(List.of(message("Hi", "ada@example.com", "qa-7@test.org", "eve@elsewhere.example"),
                        message("Nobody", "eve@elsewhere.example")));

        assertThat(peer.delivered()).singleElement().satisfies(d -> assertThat(d.recipients())
                .containsExactly("ada@example.com", "qa-7@test.org"));
        assertThat(peer.allCommands()).noneMatch(c -> c.contains("elsewhere"));
        assertThat(receipts.get(0).status()).isEqualTo(Receipt.Status.PARTLY_SENT);
        assertThat(receipts.get(0).refused()).containsExactly(
                Refusal.byPolicy("eve@elsewhere.example", "not in allowed-recipients"));
        assertThat(receipts.get(1).status()).isEqualTo(Receipt.Status.NOT_SENT);
        assertThat(receipts.get(1).failure()).hasValueSatisfying(f -> assertThat(f).startsWith("CDIMAIL-00326"));
        assertThat(peer.connections()).isEqualTo(1);
        assertThat(Observer.FAILED).as("refusals by policy are no failure").isEmpty();
    }
}

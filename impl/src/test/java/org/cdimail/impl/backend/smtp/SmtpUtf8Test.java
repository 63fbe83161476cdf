package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cdimail.EmailMessage;
import org.cdimail.impl.dkim.DkimTestKeys;
import org.cdimail.impl.dkim.PythonDkimVerifier;
import org.cdimail.Mailer;
import org.cdimail.impl.support.MailContainer;

/**
 * SMTPUTF8 (RFC 6531/6532) through the {@code smtp} backend's own client against {@link WirePeer}:
 * a local part beyond ASCII goes out with {@code SMTPUTF8} on {@code MAIL FROM} and UTF-8 address
 * headers when the server offers the extension, and is refused naming the header (never the
 * address) when it does not.
 */
class SmtpUtf8Test {

    private static final String LOCAL = "j\u00f6rg";
    private static final String CHINESE = "\u7528\u6237";

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
                "mail.timeout", "PT2S").start();
        return container.select(Mailer.class);
    }

    /** The peer reads bytes as ISO-8859-1; this reads them back as the UTF-8 they are. */
    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @Test
    void aLocalPartBeyondAsciiGoesWithSmtpUtf8WhenTheServerOffersIt() {
        peer.script().smtpUtf8(true);
        mailer().send(EmailMessage.builder().subject("Hi").body("Body").from(LOCAL + "@example.com")
                .to(CHINESE + "@\u4f8b\u5b50.example").cc("plain@example.com").build());

        assertThat(peer.conversation(1).commandsStartingWith("MAIL FROM")).singleElement()
                .satisfies(mail -> assertThat(utf8(mail)).isEqualTo("MAIL FROM:<" + LOCAL + "@example.com> BODY=8BITMIME SMTPUTF8"));
        assertThat(peer.delivered()).singleElement().satisfies(d -> {
            assertThat(d.recipients()).extracting(SmtpUtf8Test::utf8)
                    .containsExactly(CHINESE + "@xn--fsqu00a.example", "plain@example.com");
            assertThat(utf8(d.content())).contains("\r\nFrom: " + LOCAL + "@example.com\r\n")
                    .contains("\r\nTo: " + CHINESE + "@xn--fsqu00a.example\r\n");
        });
    }

    @Test
    void aDkimSignedMessageInUtf8HeaderModeVerifiesAsTheServerReceivesIt(@TempDir Path keys) {
        peer.script().smtpUtf8(true);
        container = MailContainer.with("mail.host", "127.0.0.1", "mail.port", Integer.toString(peer.port()),
                "mail.timeout", "PT2S", "mail.dkim.domain", DkimTestKeys.DOMAIN, "mail.dkim.selector",
                DkimTestKeys.rsa().selector() + "," + DkimTestKeys.ed25519().selector(), "mail.dkim.private-key",
                DkimTestKeys.rsa().write(keys) + "," + DkimTestKeys.ed25519().write(keys)).start();
        container.select(Mailer.class).send(EmailMessage.builder().subject("Grüße").body("Body")
                .from(LOCAL + "@" + DkimTestKeys.DOMAIN).to(CHINESE + "@example.org").build());

        byte[] received = peer.delivered().get(0).content().getBytes(StandardCharsets.ISO_8859_1);
        assertThat(utf8(peer.delivered().get(0).content())).contains("\r\nFrom: " + LOCAL + "@");
        PythonDkimVerifier.Verdict verdict = PythonDkimVerifier.verify(received, DkimTestKeys.rsa(),
                DkimTestKeys.ed25519());
        assertThat(verdict.verified()).as("dkimpy says:%n%s", verdict.output()).isTrue();
    }

    @Test
    void anAsciiMessageGoesWithoutSmtpUtf8EvenWhenOffered() {
        peer.script().smtpUtf8(true);
        mailer().sendMail("Hi", "Body", "from@example.com", List.of("to@example.com"));

        assertThat(peer.conversation(1).commandsStartingWith("MAIL FROM")).singleElement()
                .satisfies(mail -> assertThat(mail).doesNotContain("SMTPUTF8"));
    }

    @Test
    void aLocalPartBeyondAsciiIsRefusedNamingTheHeaderWhenTheServerDoesNotOfferSmtpUtf8() {
        Mailer mailer = mailer();
        Throwable to = catchThrowable(() -> mailer.sendMail("Hi", "Body", "from@example.com", List.of(LOCAL + "@example.com")));
        Throwable bcc = catchThrowable(() -> mailer.send(EmailMessage.builder().subject("Hi").body("Body")
                .from("from@example.com").to("to@example.com").bcc(LOCAL + "@example.com").build()));

        assertThat(to).hasMessageContaining("CDIMAIL-00102").hasMessageContaining("'To'")
                .hasMessageContaining("SMTPUTF8").hasMessageNotContaining(LOCAL);
        assertThat(bcc).hasMessageContaining("CDIMAIL-00102").hasMessageContaining("'Bcc'")
                .hasMessageNotContaining(LOCAL);
        assertThat(peer.delivered()).isEmpty();
        assertThat(peer.conversation(1).commandsStartingWith("MAIL")).isEmpty();
    }

    @Test
    void aControlCharacterInAUtf8LocalPartIsStillRefused() {
        peer.script().smtpUtf8(true);
        Mailer mailer = mailer();
        Throwable failure = catchThrowable(() -> mailer.sendMail("Hi", "Body", "from@example.com",
                List.of("j\u00f6\u0085rg@example.com")));

        assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'To'");
        assertThat(peer.delivered()).isEmpty();
    }
}

package org.cdimail.tck.mailer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.cdimail.BadHeaderException;
import org.cdimail.EmailMessage;
import org.cdimail.Outbox;
import org.cdimail.SendOptions;
import org.cdimail.inject.Backend;
import org.cdimail.spi.EmailBackend;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.LocmemBackend;
import org.cdimail.tck.MailerContract;
import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.support.MailTestBase;
import org.cdimail.tck.support.Mails;
import org.cdimail.tck.support.RecordingSmtpServer;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * {@code Mailer.sendMail}, {@code sendMassMail} and {@code send}: Django's {@code send_mail},
 * {@code send_mass_mail} and {@code EmailMessage.send}, observed through the {@code locmem}
 * outbox. Aliases: {@code default} and {@code other} ({@code locmem}), {@code down}
 * ({@code smtp} to a port nothing listens on).
 */
@MailerContract
@LocmemBackend
public class SendMailTest extends MailTestBase {

    /**
     * The deployment.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(SendMailTest.class)
                .config("mail.default-from", "site@example.com")
                .config("mail.other.backend", "locmem")
                .config("mail.down.backend", "smtp").config("mail.down.host", "127.0.0.1")
                .config("mail.down.port", Integer.toString(RecordingSmtpServer.unusedPort()))
                .config("mail.down.timeout", "PT5S")
                .build();
    }

    private Outbox outbox(String alias) {
        return beans.select(Outbox.class, Backend.Literal.of(alias)).get();
    }

    /** API {@code test_plaintext_send_mail}: without HTML, one text/plain part. */
    @Assertion(id = "test_plaintext_send_mail", strategy = Strategy.REPRODUCED)
    public void sendMailSendsOnePlainTextPart() {
        assertEquals(1, mailer.sendMail("Subject", "Content", FROM, List.of(TO)));
        DeliveredMail mail = delivered().get(0);
        assertEquals("text/plain", Mails.structure(mail));
        assertEquals("Content", Mails.body(mail).strip());
        assertEquals(List.of(TO), Mails.addrSpecs(mail, "To"));
    }

    /** API {@code test_html_send_mail}: with HTML, multipart/alternative of text and HTML. */
    @Assertion(id = "test_html_send_mail", strategy = Strategy.REPRODUCED)
    public void sendMailWithHtmlSendsBothAlternatives() {
        assertEquals(1, mailer.sendMail("Subject", "Content", FROM, List.of(TO),
                SendOptions.builder().htmlMessage("<p>HTML Content</p>").build()));
        DeliveredMail mail = delivered().get(0);
        assertEquals("multipart/alternative(text/plain,text/html)", Mails.structure(mail));
        assertEquals("<p>HTML Content</p>", Mails.text(mail, "text/html").orElseThrow().strip());
    }

    /** Design, Django's {@code DEFAULT_FROM_EMAIL}: without a sender, {@code mail.default-from} is used. */
    @Assertion(id = "send-mail-without-sender-uses-the-default-from", strategy = Strategy.ADDED)
    public void sendMailWithoutSenderUsesTheDefaultFrom() {
        assertEquals(1, mailer.sendMail("Subject", "Content", null, List.of(TO)));
        assertEquals(List.of("site@example.com"), Mails.addrSpecs(delivered().get(0), "From"));
    }

    /**
     * API {@code test_connection_arg_send_mail}, {@code test_connection_arg_send_mass_mail}:
     * with a connection, the message goes through it, not through the mailer's alias.
     */
    @Assertion(id = "test_connection_arg_send_mail", strategy = Strategy.REPRODUCED)
    public void sendsThroughAGivenConnection() {
        beans.select(Outbox.class, Backend.Literal.of("other")).get().clear();
        try (EmailBackend other = mailer.using("other").connection()) {
            SendOptions through = SendOptions.builder().connection(other).build();
            assertEquals(1, mailer.sendMail("One", "x", FROM, List.of(TO), through));
            assertEquals(2, mailer.sendMassMail(List.of(message("Two").build(), message("Three").build()), through));
        }
        assertEquals(3, outbox("other").size());
        assertEquals(0, outbox(Backend.DEFAULT).size());
    }

    /** API: {@code sendMassMail} sends every message and counts them. */
    @Assertion(id = "send-mass-mail-sends-every-message", strategy = Strategy.ADDED)
    public void sendMassMailSendsEveryMessage() {
        assertEquals(3, mailer.sendMassMail(List.of(message("A").build(), message("B").build(), message("C").build())));
        assertEquals(List.of("A", "B", "C"), delivered().stream().map(Mails::subject).toList());
    }

    /** API, Django 6.1 {@code using=}: {@code using(alias)} sends through that alias. */
    @Assertion(id = "using-sends-through-another-alias", strategy = Strategy.ADDED)
    public void usingSendsThroughAnotherAlias() {
        outbox("other").clear();
        assertEquals("other", mailer.using("other").alias());
        assertEquals(1, mailer.using("other").send(message("Elsewhere").build()));
        assertEquals(1, outbox("other").size());
        assertEquals(0, outbox(Backend.DEFAULT).size());
    }

    /** Django's {@code EmailMessage.send()}: 1 when sent, 0 without recipients. */
    @Assertion(id = "send-counts-the-message", strategy = Strategy.ADDED)
    public void sendCountsTheMessage() {
        assertEquals(1, mailer.send(message("Sent").build()));
        assertEquals(0, mailer.send(EmailMessage.builder().subject("Nobody").body("x").build()));
        assertEquals(1, delivered().size());
    }

    /**
     * API, CONN {@code fail_silently}: a delivery failure throws, unless failing silently,
     * when the call returns 0.
     */
    @Assertion(id = "fail-silently-swallows-delivery-failures", strategy = Strategy.ADDED)
    public void failSilentlySwallowsDeliveryFailures() {
        assertThrows(RuntimeException.class, () -> mailer.using("down").sendMail("Lost", "x", FROM, List.of(TO)));
        assertEquals(0, mailer.using("down").sendMail("Lost", "x", FROM, List.of(TO),
                SendOptions.builder().failSilently(true).build()));
        assertEquals(0, mailer.using("down").sendMassMail(List.of(message("Lost").build()),
                SendOptions.builder().failSilently(true).build()));
    }

    /** INJ: a header injection is never swallowed, even failing silently. */
    @Assertion(id = "header-injection-is-never-swallowed", strategy = Strategy.ADDED)
    public void headerInjectionIsNeverSwallowed() {
        assertThrows(BadHeaderException.class, () -> mailer.sendMail("Subject\r\nBcc: victim@example.com", "x", FROM,
                List.of(TO), SendOptions.builder().failSilently(true).build()));
        assertEquals(0, delivered().size());
    }
}

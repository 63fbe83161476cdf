package org.cdimail.tck.locmem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.cdimail.BadHeaderException;
import org.cdimail.EmailMessage;
import org.cdimail.Outbox;
import org.cdimail.SendOptions;
import org.cdimail.spi.EmailBackend;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.LocmemBackend;
import org.cdimail.tck.support.LocmemInspector;
import org.cdimail.tck.support.MailTestBase;
import org.cdimail.tck.support.TckDeployment;
import org.cdimail.tck.support.TckRuns;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The {@code locmem} backend and its outbox: Django's {@code LocmemBackendTests}. */
@LocmemBackend
public class LocmemBackendTest extends MailTestBase {

    /**
     * The deployment: the {@code default} alias keeps messages in memory.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(LocmemBackendTest.class).build();
    }

    private Outbox outbox() {
        return TckRuns.inspector(getClass(), LocmemInspector.class).outbox(beans);
    }

    /** B-LOCMEM {@code test_locmem_shared_messages}: two connections fill the alias's one outbox. */
    @Assertion(id = "test_locmem_shared_messages", strategy = Strategy.REPRODUCED)
    public void connectionsShareTheAliasOutbox() {
        try (EmailBackend first = mailer.connection(); EmailBackend second = mailer.connection()) {
            first.sendMessages(List.of(message("From first").build()));
            second.sendMessages(List.of(message("From second").build()));
        }
        assertEquals(List.of("From first", "From second"), outbox().messages().stream().map(EmailMessage::subject).toList());
    }

    /**
     * INJ {@code test_validate_multiline_headers} (#18861): locmem refuses what SMTP would; a
     * subject with a line break fails with {@link BadHeaderException}, even failing silently,
     * and nothing reaches the outbox.
     */
    @Assertion(id = "test_validate_multiline_headers", strategy = Strategy.REPRODUCED)
    public void refusesWhatSmtpWouldRefuse() {
        assertThrows(BadHeaderException.class, () -> mailer.sendMail("Subject\nMultiline", "Content", FROM,
                List.of(TO), SendOptions.builder().failSilently(true).build()));
        assertEquals(0, outbox().size());
    }

    /**
     * B-LOCMEM {@code test_outbox_not_mutated_after_send}: the outbox keeps what was sent; a
     * message derived afterwards does not change it, and its snapshots cannot be modified.
     */
    @Assertion(id = "test_outbox_not_mutated_after_send", strategy = Strategy.REPRODUCED)
    public void keepsWhatWasSent() {
        EmailMessage sent = message("Original").build();
        mailer.send(sent);
        EmailMessage changed = sent.toBuilder().subject("Changed").to("other@example.com").build();
        assertEquals("Changed", changed.subject());
        EmailMessage kept = outbox().messages().get(0);
        assertEquals("Original", kept.subject());
        assertEquals(List.of(TO), kept.to());
        List<EmailMessage> snapshot = outbox().messages();
        assertThrows(UnsupportedOperationException.class, () -> snapshot.add(changed));
    }

    /** Testing support: {@code sentTo} finds messages by recipient, Bcc included; {@code clear} empties. */
    @Assertion(id = "finds-messages-by-recipient-and-clears", strategy = Strategy.ADDED)
    public void findsMessagesByRecipientAndClears() {
        mailer.send(message("Visible").build());
        mailer.send(message("Hidden").to("x@example.com").bcc("Ada <ada@example.com>").build());
        assertEquals(List.of("Hidden"), outbox().sentTo("ADA@example.com").stream().map(EmailMessage::subject).toList());
        outbox().clear();
        assertEquals(0, outbox().size());
    }
}

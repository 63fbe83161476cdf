package org.cdimail.tck.governance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.cdimail.Receipt;
import org.cdimail.inject.Backend;
import org.cdimail.spi.EmailBackend;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.GovernanceContract;
import org.cdimail.tck.events.SendEventLog;
import org.cdimail.tck.events.SendPipelineTestBase;
import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.spi.MailboxInspector;
import org.cdimail.tck.support.Mails;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * {@code mail.<alias>.redirect-to}, run once per backend: every message of the alias goes to the
 * redirect addresses only ({@code To} them, {@code Cc} and {@code Bcc} emptied), its original
 * recipients kept in the headers {@code X-Original-To}, {@code X-Original-Cc} and
 * {@code X-Original-Bcc} (each only when there were such recipients), on every path. Governance
 * comes after {@code BeforeSend}: observers see the original recipients, and a replacement is
 * redirected too. Subclasses name the backend and declare the deployment with
 * {@link #deployment(Class)}.
 */
@GovernanceContract
public abstract class RedirectToContract extends SendPipelineTestBase {

    /** The first redirect address. */
    protected static final String QA = "qa@example.org";
    /** The second redirect address. */
    protected static final String QA_TWO = "qa-two@example.org";
    /** A Cc recipient of the original messages. */
    protected static final String CC = "cc@example.com";
    /** A Bcc recipient of the original messages. */
    protected static final String BCC = "bcc@example.com";

    private static final Set<String> REDIRECTED = Set.of(QA, QA_TWO);

    /**
     * The deployment of a subclass: the {@code default} alias on the backend under test,
     * redirected to {@value #QA} and {@value #QA_TWO}.
     *
     * @param testClass the subclass
     * @return the deployment
     */
    protected static WebArchive deployment(Class<? extends RedirectToContract> testClass) {
        return pipelineDeployment(testClass)
                .config(MailboxInspector.key("default", "redirect-to"), QA + ", " + QA_TWO)
                .build();
    }

    /**
     * Issue 15 item 5 ({@code redirect-to}): a message to To, Cc and Bcc recipients is delivered
     * to the redirect addresses only, which accept it; it shows them in {@code To}, has no
     * {@code Cc}, and keeps the originals in {@code X-Original-To}, {@code -Cc} and {@code -Bcc}.
     */
    @Assertion(id = "redirect-to-only-the-redirect-addresses", strategy = Strategy.ADDED)
    public void aMessageGoesOnlyToTheRedirectAddresses() {
        Receipt receipt = mailer.deliver(List.of(message("Redirected").cc(CC).bcc(BCC).build())).get(0);
        assertAll(
                () -> assertEquals(Receipt.Status.SENT, receipt.status()),
                () -> assertEquals(REDIRECTED, Set.copyOf(receipt.accepted())),
                () -> assertEquals(2, receipt.accepted().size(), () -> "accepted " + receipt.accepted().size()));
        assumeKeepsMessages();
        DeliveredMail mail = single();
        assertAll(
                () -> assertEquals(REDIRECTED, Set.copyOf(Mails.addrSpecs(mail, "To"))),
                () -> assertEquals(List.of(), Mails.header(mail, "Cc"), "no Cc"),
                () -> assertEquals(List.of(), Mails.header(mail, "Bcc"), "no Bcc"),
                () -> assertEquals(List.of(TO), Mails.addrSpecs(mail, "X-Original-To")),
                () -> assertEquals(List.of(CC), Mails.addrSpecs(mail, "X-Original-Cc")),
                () -> assertEquals(List.of(BCC), Mails.addrSpecs(mail, "X-Original-Bcc")));
        assumeRecordsEnvelope();
        assertEquals(REDIRECTED, Set.copyOf(mail.envelope().orElseThrow().recipients()));
        assertEquals(2, mail.envelope().orElseThrow().recipients().size(), "each redirect address once");
    }

    /**
     * Issue 15 item 5 (spec: "each only when non-empty"): a message with only To recipients
     * carries {@code X-Original-To} and neither {@code X-Original-Cc} nor {@code X-Original-Bcc}.
     */
    @Assertion(id = "redirect-to-original-headers-only-when-non-empty", strategy = Strategy.ADDED)
    public void originalHeadersOnlyForRecipientsThatWereThere() {
        assertEquals(1, mailer.send(message("Redirected To only").to(TO, "second@example.com").build()));
        assumeKeepsMessages();
        DeliveredMail mail = single();
        assertAll(
                () -> assertEquals(List.of(TO, "second@example.com"), Mails.addrSpecs(mail, "X-Original-To")),
                () -> assertEquals(List.of(), Mails.header(mail, "X-Original-Cc")),
                () -> assertEquals(List.of(), Mails.header(mail, "X-Original-Bcc")));
    }

    /**
     * Issue 15 item 5, every path: {@code sendMassMail}, {@code sendMail} and an injected
     * connection's {@code deliver} are redirected as well.
     */
    @Assertion(id = "redirect-to-every-path", strategy = Strategy.ADDED)
    public void everyPathIsRedirected() {
        assertEquals(2, mailer.sendMassMail(List.of(message("Redirected mass one").build(),
                message("Redirected mass two").cc(CC).build())));
        assertEquals(1, mailer.sendMail("Redirected sendMail", "x", FROM, List.of(TO)));
        EmailBackend injected = beans.select(EmailBackend.class, Backend.Literal.of(Backend.DEFAULT)).get();
        List<Receipt> receipts = injected.deliver(List.of(message("Redirected injected").bcc(BCC).build()));
        assertEquals(REDIRECTED, Set.copyOf(receipts.get(0).accepted()));
        assumeRecordsEnvelope();
        List<DeliveredMail> delivered = delivered();
        assertEquals(4, delivered.size());
        for (DeliveredMail mail : delivered) {
            assertEquals(REDIRECTED, Set.copyOf(mail.envelope().orElseThrow().recipients()),
                    () -> "the envelope of '" + Mails.subject(mail) + "'");
        }
    }

    /**
     * Spec (pipeline order: {@code BeforeSend}, then governance): observers see the original
     * recipients, and an observer's replacement with other recipients is redirected too.
     */
    @Assertion(id = "redirect-to-after-before-send", strategy = Strategy.ADDED)
    public void governanceComesAfterTheObservers() {
        assertEquals(1, mailer.send(message("Observed redirect").cc(CC).build()));
        assertEquals(Set.of(TO, CC), Set.copyOf(events.beforeSend("Observed redirect").get(0).recipients()),
                "BeforeSend shows the original recipients");
        Receipt rerouted = mailer.deliver(List.of(message(SendEventLog.REROUTE + "redirect").build())).get(0);
        assertEquals(REDIRECTED, Set.copyOf(rerouted.accepted()), "the replacement is redirected");
        assumeKeepsMessages();
        DeliveredMail replaced = delivered().get(1);
        assertEquals(List.of(SendEventLog.REROUTED), Mails.addrSpecs(replaced, "X-Original-To"),
                "the replacement's recipients are the originals");
    }
}

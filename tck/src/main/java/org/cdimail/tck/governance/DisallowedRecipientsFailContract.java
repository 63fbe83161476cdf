package org.cdimail.tck.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.cdimail.MailException;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.GovernanceContract;
import org.cdimail.tck.events.SendPipelineTestBase;
import org.cdimail.tck.spi.MailboxInspector;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * {@code mail.<alias>.disallowed-recipients=fail}, run once per backend: a message with a
 * recipient that {@code allowed-recipients} does not allow is not sent at all, not even to its
 * allowed recipients, and the send throws a {@link MailException} naming the key. Subclasses
 * name the backend and declare the deployment with {@link #deployment(Class)}.
 */
@GovernanceContract
public abstract class DisallowedRecipientsFailContract extends SendPipelineTestBase {

    /**
     * The deployment of a subclass: the {@code default} alias on the backend under test, allowed
     * to send to {@code *@example.com} only, failing otherwise.
     *
     * @param testClass the subclass
     * @return the deployment
     */
    protected static WebArchive deployment(Class<? extends DisallowedRecipientsFailContract> testClass) {
        return pipelineDeployment(testClass)
                .config(MailboxInspector.key("default", "allowed-recipients"), "*@example.com")
                .config(MailboxInspector.key("default", "disallowed-recipients"), "fail")
                .build();
    }

    /**
     * Issue 15 item 5 ("or the send fails — configurable"): a message with one recipient not
     * allowed throws a {@link MailException} that names the key and no address, and nothing of
     * it is delivered; {@code sendMail} and {@code deliver} fail the same way.
     */
    @Assertion(id = "disallowed-recipients-fail", strategy = Strategy.ADDED)
    public void aRecipientNotAllowedFailsTheSend() {
        MailException failure = assertThrows(MailException.class,
                () -> mailer.send(message("Failing governance").cc("stranger@example.net").build()));
        String text = String.valueOf(failure.getMessage());
        assertTrue(text.contains("allowed-recipients"), () -> "names the key: " + text);
        assertFalse(text.contains("@"), () -> "no address: " + text);
        assertThrows(MailException.class,
                () -> mailer.sendMail("Failing sendMail", "x", FROM, List.of(TO, "stranger@example.net")));
        assertThrows(MailException.class,
                () -> mailer.deliver(List.of(message("Failing deliver").bcc("stranger@example.net").build())));
        assertEquals(List.of(), subjects(), "nothing delivered, not even to the allowed recipient");
        assertEquals(List.of(), events.afterSend("Failing "), "no AfterSend");
    }

    /** Issue 15 item 5: a message whose recipients are all allowed is sent as usual. */
    @Assertion(id = "disallowed-recipients-fail-allowed-pass", strategy = Strategy.ADDED)
    public void aMessageToAllowedRecipientsIsSent() {
        assertEquals(1, mailer.send(message("Allowed under fail").cc("cc@example.com").build()));
        assumeKeepsMessages();
        assertEquals(List.of("Allowed under fail"), subjects());
    }
}

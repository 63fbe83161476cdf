package org.cdimail.tck.support;

import java.util.List;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.cdimail.EmailMessage;
import org.cdimail.Mailer;
import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.spi.MailboxInspector;
import org.junit.jupiter.api.Assumptions;

/**
 * The base of TCK test classes that run in a working deployment: injects the default
 * {@link Mailer} and the deployment's beans, empties the mailbox of the class's backend before
 * each test, and reads it.
 */
public abstract class MailTestBase {

    /** The sender of the messages {@link #message(String)} builds. */
    protected static final String FROM = "from@example.com";
    /** The recipient of the messages {@link #message(String)} builds. */
    protected static final String TO = "to@example.com";

    /** The deployment's beans, for programmatic lookup with any qualifier. */
    @Inject
    @Any
    protected Instance<Object> beans;

    /** The mailer of the {@code default} alias. */
    @Inject
    protected Mailer mailer;

    /**
     * Empties the mailbox, so that each test sees only what it sent. Called by the TCK's
     * extension just before each test runs, after Arquillian has injected this instance
     * (Arquillian's JUnit 5 integration does not run {@code @BeforeEach} methods in the
     * deployment).
     */
    void clearMailbox() {
        if (beans == null) {
            // The client side of a remote container: nothing is injected here, and the mailbox
            // lives in the server, where the same callback runs on the injected instance.
            return;
        }
        TckRuns.of(getClass()).inspector().ifPresent(inspector -> inspector.clear(beans));
    }

    /**
     * The inspector of this class's backend.
     *
     * @return the inspector
     */
    protected MailboxInspector inspector() {
        return TckRuns.inspector(getClass());
    }

    /**
     * What the backend delivered since the test started.
     *
     * @return the delivered messages, oldest first
     */
    protected List<DeliveredMail> delivered() {
        return inspector().delivered(beans);
    }

    /** Skips the rest of the test when the backend keeps no messages. */
    protected void assumeKeepsMessages() {
        Assumptions.assumeTrue(inspector().keepsMessages(),
                () -> "the " + inspector().backend() + " backend keeps no messages to compare");
    }

    /** Skips the rest of the test when the backend records no envelopes. */
    protected void assumeRecordsEnvelope() {
        assumeKeepsMessages();
        Assumptions.assumeTrue(inspector().recordsEnvelope(),
                () -> "the " + inspector().backend() + " backend records no envelope");
    }

    /**
     * A plain message from {@link #FROM} to {@link #TO}.
     *
     * @param subject the subject, also used to tell messages apart
     * @return a builder, ready to build
     */
    protected static EmailMessage.Builder message(String subject) {
        return EmailMessage.builder().subject(subject).body("Content of " + subject).from(FROM).to(TO);
    }
}

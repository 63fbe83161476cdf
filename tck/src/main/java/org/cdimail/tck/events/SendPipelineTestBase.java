package org.cdimail.tck.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.cdimail.SendOptions;
import org.cdimail.tck.inject.FailingBackend;
import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.spi.MailboxInspector;
import org.cdimail.tck.support.MailTestBase;
import org.cdimail.tck.support.Mails;
import org.cdimail.tck.support.TckDeployment;
import org.junit.jupiter.api.Assumptions;

/**
 * The base of the contracts of the sending pipeline ({@code events}, {@code governance},
 * {@code async}): the deployment's observer {@link SendEventLog}, an alias {@value #FAILING}
 * whose every delivery fails, and ways to read what the inspected {@code default} alias delivered.
 */
public abstract class SendPipelineTestBase extends MailTestBase {

    /** The alias whose every delivery fails. */
    protected static final String FAILING = "failing";
    /** The recipient a refusing backend refuses ({@link MailboxInspector#refuse(String)}). */
    protected static final String REFUSED = "refused@example.com";
    /** How long asynchronous work (observers, stages) may take. */
    protected static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Fail-silently. */
    protected static final SendOptions FAIL_SILENTLY = SendOptions.builder().failSilently(true).build();

    /** The deployment's observer of every sending event. */
    @Inject
    protected SendEventLog events;

    /**
     * Starts the deployment of a contract's subclass: its inspector's configuration for
     * {@code default} (added when built), the inspector's failing configuration for
     * {@value #FAILING} ({@link MailboxInspector#failingConfiguration(String)}, by default the
     * TCK's {@link FailingBackend}), and the observer.
     *
     * @param testClass the subclass
     * @return the deployment, to complete with the contract's configuration and build
     */
    protected static TckDeployment pipelineDeployment(Class<? extends SendPipelineTestBase> testClass) {
        TckDeployment deployment = TckDeployment.of(testClass).classes(SendEventLog.class, FailingBackend.class);
        return deployment.config(deployment.inspector(MailboxInspector.class).failingConfiguration(FAILING));
    }

    /**
     * Skips the rest of the test unless the backend can be made to refuse {@code recipient}.
     *
     * @param recipient the recipient to refuse
     */
    protected void assumeRefuses(String recipient) {
        Assumptions.assumeTrue(inspector().refuse(recipient),
                () -> "the " + inspector().backend() + " backend cannot be made to refuse a recipient"
                        + " (MailboxInspector.refuse)");
    }

    /**
     * The subjects of what the backend delivered since the test started.
     *
     * @return the subjects, oldest first
     */
    protected List<String> subjects() {
        return delivered().stream().map(Mails::subject).toList();
    }

    /**
     * The one message the backend delivered since the test started.
     *
     * @return the message
     */
    protected DeliveredMail single() {
        List<DeliveredMail> delivered = delivered();
        assertEquals(1, delivered.size(), () -> "delivered " + delivered.size() + " messages");
        return delivered.get(0);
    }
}

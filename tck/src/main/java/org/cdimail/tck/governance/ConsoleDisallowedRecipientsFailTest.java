package org.cdimail.tck.governance;

import org.cdimail.tck.ConsoleBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The {@code disallowed-recipients=fail} contract, against the {@code console} backend. */
@ConsoleBackend
public class ConsoleDisallowedRecipientsFailTest extends DisallowedRecipientsFailContract {

    /**
     * The deployment: the {@code default} alias uses {@code console}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(ConsoleDisallowedRecipientsFailTest.class);
    }
}

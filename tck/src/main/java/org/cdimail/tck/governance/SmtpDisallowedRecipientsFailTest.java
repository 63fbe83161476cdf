package org.cdimail.tck.governance;

import org.cdimail.tck.SmtpBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The {@code disallowed-recipients=fail} contract, against the {@code smtp} backend. */
@SmtpBackend
public class SmtpDisallowedRecipientsFailTest extends DisallowedRecipientsFailContract {

    /**
     * The deployment: the {@code default} alias uses {@code smtp}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(SmtpDisallowedRecipientsFailTest.class);
    }
}

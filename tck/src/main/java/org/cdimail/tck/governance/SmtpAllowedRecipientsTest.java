package org.cdimail.tck.governance;

import org.cdimail.tck.SmtpBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The {@code allowed-recipients} contract, against the {@code smtp} backend. */
@SmtpBackend
public class SmtpAllowedRecipientsTest extends AllowedRecipientsContract {

    /**
     * The deployment: the {@code default} alias uses {@code smtp}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(SmtpAllowedRecipientsTest.class);
    }
}

package org.cdimail.tck.events;

import org.cdimail.tck.SmtpBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The sending events contract, against the {@code smtp} backend. */
@SmtpBackend
public class SmtpSendEventsTest extends SendEventsContract {

    /**
     * The deployment: the {@code default} alias uses {@code smtp}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(SmtpSendEventsTest.class);
    }
}

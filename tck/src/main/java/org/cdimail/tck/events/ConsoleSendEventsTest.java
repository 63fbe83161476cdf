package org.cdimail.tck.events;

import org.cdimail.tck.ConsoleBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The sending events contract, against the {@code console} backend. */
@ConsoleBackend
public class ConsoleSendEventsTest extends SendEventsContract {

    /**
     * The deployment: the {@code default} alias uses {@code console}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(ConsoleSendEventsTest.class);
    }
}

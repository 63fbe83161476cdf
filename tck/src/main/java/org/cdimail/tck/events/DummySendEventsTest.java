package org.cdimail.tck.events;

import org.cdimail.tck.DummyBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The sending events contract, against the {@code dummy} backend. */
@DummyBackend
public class DummySendEventsTest extends SendEventsContract {

    /**
     * The deployment: the {@code default} alias uses {@code dummy}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(DummySendEventsTest.class);
    }
}

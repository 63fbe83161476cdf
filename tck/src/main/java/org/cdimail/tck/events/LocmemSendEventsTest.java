package org.cdimail.tck.events;

import org.cdimail.tck.LocmemBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The sending events contract, against the {@code locmem} backend. */
@LocmemBackend
public class LocmemSendEventsTest extends SendEventsContract {

    /**
     * The deployment: the {@code default} alias uses {@code locmem}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(LocmemSendEventsTest.class);
    }
}

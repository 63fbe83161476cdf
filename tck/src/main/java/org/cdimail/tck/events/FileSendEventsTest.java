package org.cdimail.tck.events;

import org.cdimail.tck.FileBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The sending events contract, against the {@code file} backend. */
@FileBackend
public class FileSendEventsTest extends SendEventsContract {

    /**
     * The deployment: the {@code default} alias uses {@code file}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(FileSendEventsTest.class);
    }
}

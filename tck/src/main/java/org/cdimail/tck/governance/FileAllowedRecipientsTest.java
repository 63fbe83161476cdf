package org.cdimail.tck.governance;

import org.cdimail.tck.FileBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The {@code allowed-recipients} contract, against the {@code file} backend. */
@FileBackend
public class FileAllowedRecipientsTest extends AllowedRecipientsContract {

    /**
     * The deployment: the {@code default} alias uses {@code file}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(FileAllowedRecipientsTest.class);
    }
}

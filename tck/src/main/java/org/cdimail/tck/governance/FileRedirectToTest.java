package org.cdimail.tck.governance;

import org.cdimail.tck.FileBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The {@code redirect-to} contract, against the {@code file} backend. */
@FileBackend
public class FileRedirectToTest extends RedirectToContract {

    /**
     * The deployment: the {@code default} alias uses {@code file}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(FileRedirectToTest.class);
    }
}

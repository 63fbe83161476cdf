package org.cdimail.tck.governance;

import org.cdimail.tck.ProvidedBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The {@code redirect-to} contract, against the backend of the porting package's
 * {@link org.cdimail.tck.spi.MailboxInspector}: what a backend writer runs. Fails when the
 * porting package provides no inspector.
 */
@ProvidedBackend
public class ProvidedRedirectToTest extends RedirectToContract {

    /**
     * The deployment: the {@code default} alias uses the provided backend, configured by its
     * inspector; the porting package's customizers add the backend's classes.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(ProvidedRedirectToTest.class);
    }
}

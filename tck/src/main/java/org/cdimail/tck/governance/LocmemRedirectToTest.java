package org.cdimail.tck.governance;

import org.cdimail.tck.LocmemBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The {@code redirect-to} contract, against the {@code locmem} backend. */
@LocmemBackend
public class LocmemRedirectToTest extends RedirectToContract {

    /**
     * The deployment: the {@code default} alias uses {@code locmem}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(LocmemRedirectToTest.class);
    }
}

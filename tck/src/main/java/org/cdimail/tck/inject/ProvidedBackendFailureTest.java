package org.cdimail.tck.inject;

import org.cdimail.tck.InjectContract;
import org.cdimail.tck.ProvidedBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Fail-silently around the backend of the porting package's
 * {@link org.cdimail.tck.spi.MailboxInspector}, made to fail by its
 * {@link org.cdimail.tck.spi.MailboxInspector#failingConfiguration(String) failingConfiguration}.
 */
@InjectContract
@ProvidedBackend
public class ProvidedBackendFailureTest extends CustomBackendFailureContract {

    /**
     * The deployment: {@code failing} is the provided backend made to fail.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(ProvidedBackendFailureTest.class);
    }
}

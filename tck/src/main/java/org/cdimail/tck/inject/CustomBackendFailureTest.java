package org.cdimail.tck.inject;

import org.cdimail.tck.InjectContract;
import org.cdimail.tck.LocmemBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Fail-silently around the TCK's {@link FailingBackend}: what an implementation of the API
 * runs. The {@code default} alias is {@code locmem}, which shows that nothing was delivered.
 */
@InjectContract
@LocmemBackend
public class CustomBackendFailureTest extends CustomBackendFailureContract {

    /**
     * The deployment: {@code failing} and {@code refusing} are the TCK's failing backend.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(CustomBackendFailureTest.class);
    }
}

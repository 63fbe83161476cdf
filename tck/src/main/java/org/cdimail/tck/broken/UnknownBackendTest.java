package org.cdimail.tck.broken;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** B-SEL {@code test_backend_arg}, 6.1 {@code test_invalid_backend}: an unknown backend name fails deployment. */
public class UnknownBackendTest extends BrokenDeploymentTestBase {

    /**
     * The deployment, which must fail.
     *
     * @return the deployment
     */
    @Deployment
    @ShouldThrowException(DeploymentException.class)
    public static WebArchive deployment() {
        return TckDeployment.of(UnknownBackendTest.class).config("mail.backend", "carrier-pigeon").build();
    }
}

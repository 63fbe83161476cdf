package org.cdimail.tck.broken;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Design: two beans claiming one backend name with {@code @Backend("twin")} fail deployment. */
public class TwoBackendsClaimOneNameTest extends BrokenDeploymentTestBase {

    /**
     * The deployment, which must fail.
     *
     * @return the deployment
     */
    @Deployment
    @ShouldThrowException(DeploymentException.class)
    public static WebArchive deployment() {
        return TckDeployment.of(TwoBackendsClaimOneNameTest.class).classes(FirstTwin.class, SecondTwin.class)
                .config("mail.backend", "locmem").build();
    }
}

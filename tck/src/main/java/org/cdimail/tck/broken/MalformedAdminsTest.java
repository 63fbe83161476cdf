package org.cdimail.tck.broken;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** API {@code test_wrong_admins_managers}: a malformed {@code mail.admins} address list fails deployment. */
public class MalformedAdminsTest extends BrokenDeploymentTestBase {

    /**
     * The deployment, which must fail.
     *
     * @return the deployment
     */
    @Deployment
    @ShouldThrowException(DeploymentException.class)
    public static WebArchive deployment() {
        return TckDeployment.of(MalformedAdminsTest.class).config("mail.backend", "locmem")
                .config("mail.admins", "Admin <admin@example.com, \"unclosed@example.com").build();
    }
}

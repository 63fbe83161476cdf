package org.cdimail.tck.broken;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.cdimail.tck.GovernanceContract;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Spec: {@code mail.disallowed-recipients} is {@code refuse} or {@code fail}; another value fails deployment. */
@GovernanceContract
public class UnknownDisallowedRecipientsModeTest extends BrokenDeploymentTestBase {

    /**
     * The deployment, which must fail.
     *
     * @return the deployment
     */
    @Deployment
    @ShouldThrowException(DeploymentException.class)
    public static WebArchive deployment() {
        return TckDeployment.of(UnknownDisallowedRecipientsModeTest.class).config("mail.backend", "locmem")
                .config("mail.allowed-recipients", "*@example.com")
                .config("mail.disallowed-recipients", "bounce").build();
    }
}

package org.cdimail.tck.broken;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.cdimail.tck.GovernanceContract;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Issue 15 item 5 ("Deployment fails on an invalid pattern"): a {@code regex:} pattern of {@code mail.allowed-recipients} that does not compile fails deployment. */
@GovernanceContract
public class InvalidAllowedRecipientsPatternTest extends BrokenDeploymentTestBase {

    /**
     * The deployment, which must fail.
     *
     * @return the deployment
     */
    @Deployment
    @ShouldThrowException(DeploymentException.class)
    public static WebArchive deployment() {
        return TckDeployment.of(InvalidAllowedRecipientsPatternTest.class).config("mail.backend", "locmem")
                .config("mail.allowed-recipients", "*@example.com, regex:ops-(unclosed@example.com").build();
    }
}

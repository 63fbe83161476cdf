package org.cdimail.tck.broken;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.cdimail.tck.GovernanceContract;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Spec ({@code redirect-to} is an address list) and design ("a malformed address list" fails deployment): a malformed {@code mail.redirect-to} fails deployment. */
@GovernanceContract
public class MalformedRedirectToTest extends BrokenDeploymentTestBase {

    /**
     * The deployment, which must fail.
     *
     * @return the deployment
     */
    @Deployment
    @ShouldThrowException(DeploymentException.class)
    public static WebArchive deployment() {
        return TckDeployment.of(MalformedRedirectToTest.class).config("mail.backend", "locmem")
                .config("mail.redirect-to", "QA <qa@example.org, \"unclosed@example.org").build();
    }
}

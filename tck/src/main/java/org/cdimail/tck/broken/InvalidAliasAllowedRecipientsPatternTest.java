package org.cdimail.tck.broken;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.cdimail.tck.GovernanceContract;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Issue 15 item 5: an invalid pattern in the {@code allowed-recipients} of an alias other than {@code default} fails deployment too, before the alias is first used. */
@GovernanceContract
public class InvalidAliasAllowedRecipientsPatternTest extends BrokenDeploymentTestBase {

    /**
     * The deployment, which must fail.
     *
     * @return the deployment
     */
    @Deployment
    @ShouldThrowException(DeploymentException.class)
    public static WebArchive deployment() {
        return TckDeployment.of(InvalidAliasAllowedRecipientsPatternTest.class).config("mail.backend", "locmem")
                .config("mail.staging.backend", "locmem")
                .config("mail.staging.allowed-recipients", "regex:[a-").build();
    }
}

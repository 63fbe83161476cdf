package org.cdimail.tck.broken;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Safe defaults (not in Django): credentials configured for a connection that is neither STARTTLS nor implicit TLS fail deployment, unless explicitly allowed. */
public class PlainTextCredentialsTest extends BrokenDeploymentTestBase {

    /**
     * The deployment, which must fail.
     *
     * @return the deployment
     */
    @Deployment
    @ShouldThrowException(DeploymentException.class)
    public static WebArchive deployment() {
        return TckDeployment.of(PlainTextCredentialsTest.class).config("mail.backend", "smtp")
                .config("mail.username", "user").config("mail.password", "secret").build();
    }
}

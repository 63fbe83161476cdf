package org.cdimail.tck.broken;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** CONN {@code test_ssl_tls_mutually_exclusive}: {@code use-tls} and {@code use-ssl} together fail deployment. */
public class TlsAndSslTogetherTest extends BrokenDeploymentTestBase {

    /**
     * The deployment, which must fail.
     *
     * @return the deployment
     */
    @Deployment
    @ShouldThrowException(DeploymentException.class)
    public static WebArchive deployment() {
        return TckDeployment.of(TlsAndSslTogetherTest.class).config("mail.backend", "smtp")
                .config("mail.use-tls", "true").config("mail.use-ssl", "true").build();
    }
}

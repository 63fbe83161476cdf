package org.cdimail.tck.backend;

import org.cdimail.tck.SmtpBackend;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The shared backend contract, against the {@code smtp} backend. */
@SmtpBackend
public class SmtpBackendContractTest extends EmailBackendContract {

    /**
     * The deployment: the {@code default} alias uses {@code smtp}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(SmtpBackendContractTest.class).build();
    }
}

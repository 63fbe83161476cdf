package org.cdimail.tck.backend;

import org.cdimail.tck.ConsoleBackend;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The shared backend contract, against the {@code console} backend. */
@ConsoleBackend
public class ConsoleBackendContractTest extends EmailBackendContract {

    /**
     * The deployment: the {@code default} alias uses {@code console}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(ConsoleBackendContractTest.class).build();
    }
}

package org.cdimail.tck.backend;

import org.cdimail.tck.DummyBackend;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The shared backend contract, against the {@code dummy} backend. */
@DummyBackend
public class DummyBackendContractTest extends EmailBackendContract {

    /**
     * The deployment: the {@code default} alias uses {@code dummy}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(DummyBackendContractTest.class).build();
    }
}

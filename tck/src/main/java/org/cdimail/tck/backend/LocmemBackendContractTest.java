package org.cdimail.tck.backend;

import org.cdimail.tck.LocmemBackend;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The shared backend contract, against the {@code locmem} backend. */
@LocmemBackend
public class LocmemBackendContractTest extends EmailBackendContract {

    /**
     * The deployment: the {@code default} alias uses {@code locmem}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(LocmemBackendContractTest.class).build();
    }
}

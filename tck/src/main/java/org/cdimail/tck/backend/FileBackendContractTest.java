package org.cdimail.tck.backend;

import org.cdimail.tck.FileBackend;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The shared backend contract, against the {@code file} backend. */
@FileBackend
public class FileBackendContractTest extends EmailBackendContract {

    /**
     * The deployment: the {@code default} alias uses {@code file}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(FileBackendContractTest.class).build();
    }
}

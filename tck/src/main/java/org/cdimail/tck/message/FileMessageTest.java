package org.cdimail.tck.message;

import org.cdimail.tck.FileBackend;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Rendering and header injection, against the {@code file} backend. */
@FileBackend
public class FileMessageTest extends MessageRenderingContract {

    /**
     * The deployment: the {@code default} alias uses the backend under test.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(FileMessageTest.class).build();
    }
}

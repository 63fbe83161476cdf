package org.cdimail.tck.message;

import org.cdimail.tck.ConsoleBackend;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Rendering and header injection, against the {@code console} backend. */
@ConsoleBackend
public class ConsoleMessageTest extends MessageRenderingContract {

    /**
     * The deployment: the {@code default} alias uses the backend under test.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(ConsoleMessageTest.class).build();
    }
}

package org.cdimail.tck.message;

import org.cdimail.tck.ProvidedBackend;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Rendering and header injection, against the backend of the porting package's {@link org.cdimail.tck.spi.MailboxInspector}; fails when the porting package provides none. */
@ProvidedBackend
public class ProvidedMessageTest extends MessageRenderingContract {

    /**
     * The deployment: the {@code default} alias uses the backend under test.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(ProvidedMessageTest.class).build();
    }
}

package org.cdimail.tck.async;

import org.cdimail.tck.DummyBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The asynchronous mailer contract, against the {@code dummy} backend. */
@DummyBackend
public class DummyAsyncMailerTest extends AsyncMailerContract {

    /**
     * The deployment: the {@code default} alias uses {@code dummy}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(DummyAsyncMailerTest.class);
    }
}

package org.cdimail.tck.async;

import org.cdimail.tck.LocmemBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The asynchronous mailer contract, against the {@code locmem} backend. */
@LocmemBackend
public class LocmemAsyncMailerTest extends AsyncMailerContract {

    /**
     * The deployment: the {@code default} alias uses {@code locmem}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(LocmemAsyncMailerTest.class);
    }
}

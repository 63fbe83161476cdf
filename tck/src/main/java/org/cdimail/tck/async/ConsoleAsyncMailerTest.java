package org.cdimail.tck.async;

import org.cdimail.tck.ConsoleBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The asynchronous mailer contract, against the {@code console} backend. */
@ConsoleBackend
public class ConsoleAsyncMailerTest extends AsyncMailerContract {

    /**
     * The deployment: the {@code default} alias uses {@code console}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(ConsoleAsyncMailerTest.class);
    }
}

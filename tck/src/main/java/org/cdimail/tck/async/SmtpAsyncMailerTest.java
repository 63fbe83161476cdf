package org.cdimail.tck.async;

import org.cdimail.tck.SmtpBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The asynchronous mailer contract, against the {@code smtp} backend. */
@SmtpBackend
public class SmtpAsyncMailerTest extends AsyncMailerContract {

    /**
     * The deployment: the {@code default} alias uses {@code smtp}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(SmtpAsyncMailerTest.class);
    }
}

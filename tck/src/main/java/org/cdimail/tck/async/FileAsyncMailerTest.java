package org.cdimail.tck.async;

import org.cdimail.tck.FileBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The asynchronous mailer contract, against the {@code file} backend. */
@FileBackend
public class FileAsyncMailerTest extends AsyncMailerContract {

    /**
     * The deployment: the {@code default} alias uses {@code file}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(FileAsyncMailerTest.class);
    }
}

package org.cdimail.tck.mailer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.MailerContract;
import org.cdimail.tck.SmtpBackend;
import org.cdimail.tck.support.MailTestBase;
import org.cdimail.tck.support.SmtpInspector;
import org.cdimail.tck.support.TckDeployment;
import org.cdimail.tck.support.TckRuns;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Empty {@code mail.admins} and {@code mail.managers}, against a real SMTP server. */
@MailerContract
@SmtpBackend
public class EmptyAdminsTest extends MailTestBase {

    /**
     * The deployment: no admins, no managers.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(EmptyAdminsTest.class).build();
    }

    /**
     * API {@code test_empty_admins} (#9383): with no admins or managers, nothing is sent and no
     * connection is opened.
     */
    @Assertion(id = "test_empty_admins", strategy = Strategy.REPRODUCED)
    public void sendsNothingAndOpensNoConnection() {
        assertEquals(0, mailer.mailAdmins("Subject", "Content"));
        assertEquals(0, mailer.mailManagers("Subject", "Content"));
        assertEquals(0, TckRuns.inspector(getClass(), SmtpInspector.class).server().connections());
    }
}

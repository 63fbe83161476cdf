package org.cdimail.tck.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.InjectContract;
import org.cdimail.tck.LocmemBackend;
import org.cdimail.tck.support.MailTestBase;
import org.cdimail.tck.support.Mails;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Configuration isolation between deployments, with {@link ConfigIsolationFirstTest}: each
 * deployment sees its own {@code mail.default-from} and aliases, whichever ran first in the same
 * JVM. Not in Django, which has one settings module per process.
 */
@InjectContract
@LocmemBackend
public class ConfigIsolationSecondTest extends MailTestBase {

    /**
     * The deployment.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(ConfigIsolationSecondTest.class)
                .config("mail.default-from", "second@example.com")
                .build();
    }

    /** Each deployment reads its own keys, and no alias of the other deployment. */
    @Assertion(id = "sees-only-its-own-configuration", strategy = Strategy.ADDED)
    public void seesOnlyItsOwnConfiguration() {
        mailer.sendMail("Isolated", "x", null, List.of(TO));
        assertEquals(List.of("second@example.com"), Mails.addrSpecs(delivered().get(0), "From"));
        assertThrows(IllegalArgumentException.class, () -> mailer.using("only-first"));
    }
}

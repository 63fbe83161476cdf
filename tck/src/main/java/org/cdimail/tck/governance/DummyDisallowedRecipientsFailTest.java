package org.cdimail.tck.governance;

import org.cdimail.tck.DummyBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The {@code disallowed-recipients=fail} contract, against the {@code dummy} backend. */
@DummyBackend
public class DummyDisallowedRecipientsFailTest extends DisallowedRecipientsFailContract {

    /**
     * The deployment: the {@code default} alias uses {@code dummy}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(DummyDisallowedRecipientsFailTest.class);
    }
}

package org.cdimail.tck.governance;

import org.cdimail.tck.DummyBackend;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The {@code allowed-recipients} contract, against the {@code dummy} backend. */
@DummyBackend
public class DummyAllowedRecipientsTest extends AllowedRecipientsContract {

    /**
     * The deployment: the {@code default} alias uses {@code dummy}.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return deployment(DummyAllowedRecipientsTest.class);
    }
}

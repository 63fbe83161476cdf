package org.cdimail.tck.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.cdimail.Mailer;
import org.cdimail.SendOptions;
import org.cdimail.inject.Backend;
import org.cdimail.spi.EmailBackend;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.InjectContract;
import org.cdimail.tck.ProvidedBackend;
import org.cdimail.tck.support.MailTestBase;
import org.cdimail.tck.support.Mails;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The backend of the porting package's {@link org.cdimail.tck.spi.MailboxInspector}, reached
 * through an alias other than {@code default}: {@value #SECOND}, configured by the inspector's
 * {@link org.cdimail.tck.spi.MailboxInspector#configuration(String) configuration("second")}.
 */
@InjectContract
@ProvidedBackend
public class ProvidedBackendAliasTest extends MailTestBase {

    /** The alias under test. */
    static final String SECOND = "second";

    /**
     * The deployment: {@value #SECOND} uses the provided backend; {@code default} is left to the
     * implementation's default.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(ProvidedBackendAliasTest.class).inspectedAlias(SECOND).build();
    }

    private List<String> deliveredSubjects() {
        return delivered().stream().map(Mails::subject).toList();
    }

    /**
     * B-SEL {@code test_custom_backend}, for the provided backend: {@code mailer.using("second")}
     * sends through it, with {@code send} and {@code sendMail}.
     */
    @Assertion(id = "test_custom_backend", strategy = Strategy.REPRODUCED)
    public void secondAliasSendsThroughTheProvidedBackend() {
        Mailer second = mailer.using(SECOND);
        assertEquals(SECOND, second.alias());
        assertEquals(1, second.send(message("Second send").build()));
        assertEquals(1, second.sendMail("Second sendMail", "x", FROM, List.of(TO)));
        assumeKeepsMessages();
        assertEquals(List.of("Second send", "Second sendMail"), deliveredSubjects());
    }

    /**
     * INJ: the {@code @Backend("second")} beans, a {@link Mailer} and an {@link EmailBackend}
     * obtained by programmatic lookup, are the provided backend's.
     */
    @Assertion(id = "qualified-beans-of-a-custom-alias", strategy = Strategy.ADDED)
    public void qualifiedBeansOfTheSecondAliasSend() {
        Mailer qualified = beans.select(Mailer.class, Backend.Literal.of(SECOND)).get();
        assertEquals(SECOND, qualified.alias());
        EmailBackend backend = beans.select(EmailBackend.class, Backend.Literal.of(SECOND)).get();
        assertEquals(2, backend.sendMessages(List.of(message("Injected one").build(), message("Injected two").build())));
        assumeKeepsMessages();
        assertEquals(List.of("Injected one", "Injected two"), deliveredSubjects());
    }

    /**
     * B-BASE {@code fail_silently}: a fail-silently connection of a working custom backend
     * delivers and counts as any other.
     */
    @Assertion(id = "fail-silently-connection-of-a-working-custom-backend", strategy = Strategy.ADDED)
    public void failSilentlyConnectionStillDelivers() {
        try (EmailBackend connection = mailer.using(SECOND).connection(SendOptions.builder().failSilently(true).build())) {
            connection.open();
            assertEquals(1, connection.sendMessages(List.of(message("Silent but working").build())));
        }
        assumeKeepsMessages();
        assertEquals(List.of("Silent but working"), deliveredSubjects());
    }
}

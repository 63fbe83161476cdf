package org.cdimail.tck.dummy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.cdimail.Outbox;
import org.cdimail.inject.Backend;
import org.cdimail.spi.EmailBackend;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.DummyBackend;
import org.cdimail.tck.support.MailTestBase;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The {@code dummy} backend: Django's {@code test_dummy_backend}. */
@DummyBackend
public class DummyBackendTest extends MailTestBase {

    /**
     * The deployment: the {@code default} alias is {@code dummy}; {@code spy} is {@code locmem},
     * to show that nothing leaks elsewhere.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(DummyBackendTest.class).config("mail.spy.backend", "locmem").build();
    }

    /**
     * B-SEL {@code test_dummy_backend}, 6.1 {@code test_send_messages_returns_sent_count}: the
     * dummy backend returns the number of messages it was given, and sends them nowhere.
     */
    @Assertion(id = "test_dummy_backend", strategy = Strategy.REPRODUCED)
    public void countsMessagesAndSendsThemNowhere() {
        try (EmailBackend connection = mailer.connection()) {
            assertEquals(3, connection.sendMessages(List.of(message("1").build(), message("2").build(),
                    message("3").build())));
        }
        assertEquals(1, mailer.sendMail("Subject", "Content", FROM, List.of(TO)));
        assertEquals(0, beans.select(Outbox.class, Backend.Literal.of("spy")).get().size());
    }
}

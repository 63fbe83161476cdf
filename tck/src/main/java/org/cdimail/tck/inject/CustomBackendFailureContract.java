package org.cdimail.tck.inject;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.cdimail.BadHeaderException;
import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.Mailer;
import org.cdimail.SendOptions;
import org.cdimail.spi.EmailBackend;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.spi.MailboxInspector;
import org.cdimail.tck.support.MailTestBase;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Fail-silently around a custom backend, which cannot be told about it: a custom backend throws
 * {@link MailException} when delivery fails, and cdi-mail swallows it for a connection (or a
 * send) with fail-silently, counting the message 0; a {@link BadHeaderException} still
 * propagates (Django's {@code fail_silently} never hides {@code BadHeaderError}).
 *
 * <p>The alias {@value #FAILING} is configured by the inspector's
 * {@link MailboxInspector#failingConfiguration(String)}: the backend under test made to fail,
 * or the TCK's {@link FailingBackend}. The alias {@value #REFUSING} is always the
 * {@code FailingBackend}, which refuses a header on request. Subclasses name the inspector and
 * declare the deployment with {@link #deployment(Class)}.
 */
public abstract class CustomBackendFailureContract extends MailTestBase {

    /** The alias whose every delivery fails. */
    protected static final String FAILING = "failing";
    /** The alias whose backend refuses a header of the message. */
    protected static final String REFUSING = "refusing";

    private static final SendOptions FAIL_SILENTLY = SendOptions.builder().failSilently(true).build();

    /**
     * The deployment of a subclass: its inspector's configuration for {@code default}, then
     * its failing configuration for {@value #FAILING}, and {@value #REFUSING} routed to
     * {@link FailingBackend}.
     *
     * @param testClass the subclass
     * @return the deployment
     */
    protected static WebArchive deployment(Class<? extends CustomBackendFailureContract> testClass) {
        TckDeployment deployment = TckDeployment.of(testClass).classes(FailingBackend.class);
        return deployment.config(deployment.inspector(MailboxInspector.class).failingConfiguration(FAILING))
                .config(MailboxInspector.key(REFUSING, "backend"), FailingBackend.NAME)
                .build();
    }

    /**
     * Design ({@code EmailBackend} "Failures"): without fail-silently, a failed delivery of a
     * custom backend reaches the caller as a {@link MailException}, through the mailer and
     * through a connection, and nothing is delivered.
     */
    @Assertion(id = "custom-backend-failure-is-a-mail-exception", strategy = Strategy.ADDED)
    public void failedDeliveryIsAMailException() {
        Mailer failing = mailer.using(FAILING);
        assertThrows(MailException.class, () -> failing.send(message("Loud send").build()));
        try (EmailBackend connection = failing.connection()) {
            assertThrows(MailException.class, () -> connection.sendMessages(List.of(message("Loud connection").build())));
        }
        assertEquals(List.of(), delivered(), "nothing delivered");
    }

    /**
     * B-BASE {@code fail_silently} of {@code get_connection()}, for a custom backend: a
     * connection obtained with fail-silently opens, sends and closes without throwing, and counts
     * the failed message 0.
     */
    @Assertion(id = "fail-silently-connection-around-a-custom-backend", strategy = Strategy.ADDED)
    public void failSilentlyConnectionCountsZeroAndDoesNotThrow() {
        try (EmailBackend connection = mailer.using(FAILING).connection(FAIL_SILENTLY)) {
            assertDoesNotThrow(connection::open);
            assertEquals(0, connection.sendMessages(List.of(message("Silent one").build(), message("Silent two").build())));
        }
        assertEquals(List.of(), delivered(), "nothing delivered");
    }

    /**
     * Django's {@code send_mail(fail_silently=True)}, {@code send_mass_mail} and
     * {@code EmailMessage.send(fail_silently=True)}, for a custom backend: each returns 0
     * instead of throwing.
     */
    @Assertion(id = "fail-silently-send-around-a-custom-backend", strategy = Strategy.ADDED)
    public void failSilentlySendsCountZero() {
        Mailer failing = mailer.using(FAILING);
        assertEquals(0, failing.send(message("Silent send").build(), FAIL_SILENTLY));
        assertEquals(0, failing.sendMail("Silent sendMail", "x", FROM, List.of(TO), FAIL_SILENTLY));
        assertEquals(0, failing.sendMassMail(List.of(message("Silent mass").build()), FAIL_SILENTLY));
    }

    /**
     * INJ, design ({@link BadHeaderException}): fail-silently never hides a refused header, not
     * even one a custom backend refuses.
     */
    @Assertion(id = "fail-silently-does-not-hide-a-bad-header", strategy = Strategy.ADDED)
    public void badHeaderPropagatesThroughFailSilently() {
        EmailMessage refused = message("Refused header").header(FailingBackend.FAILURE_HEADER, FailingBackend.BAD_HEADER)
                .build();
        try (EmailBackend connection = mailer.using(REFUSING).connection(FAIL_SILENTLY)) {
            assertThrows(BadHeaderException.class, () -> connection.sendMessages(List.of(refused)));
        }
        assertThrows(BadHeaderException.class, () -> mailer.using(REFUSING).send(refused, FAIL_SILENTLY));
    }
}

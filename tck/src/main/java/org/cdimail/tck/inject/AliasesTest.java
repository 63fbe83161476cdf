package org.cdimail.tck.inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import jakarta.inject.Inject;

import org.cdimail.EmailMessage;
import org.cdimail.Mailer;
import org.cdimail.Outbox;
import org.cdimail.inject.Backend;
import org.cdimail.spi.EmailBackend;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.InjectContract;
import org.cdimail.tck.LocmemBackend;
import org.cdimail.tck.support.MailTestBase;
import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Aliases (Django 6.1 {@code MAILERS}) through {@code @Backend}: qualifiers, per-alias settings
 * that fall back to the global keys, isolation between aliases, and custom backends selected by
 * configuration (Django's {@code test_custom_backend}, 6.1 {@code MailersTests}).
 */
@InjectContract
@LocmemBackend
public class AliasesTest extends MailTestBase {

    @Inject
    @Backend("marketing")
    Mailer marketing;

    @Inject
    @Backend("marketing")
    Outbox marketingOutbox;

    @Inject
    Outbox defaultOutbox;

    private void clearOtherOutboxes() {
        marketingOutbox.clear();
        beans.select(Outbox.class, Backend.Literal.of("audit")).get().clear();
    }

    /**
     * The deployment: {@code default}, {@code marketing} and {@code audit} are {@code locmem},
     * {@code marketing} with its own {@code default-from}; {@code custom} uses the
     * {@link RecordingBackend} bean.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        return TckDeployment.of(AliasesTest.class)
                .classes(RecordingBackend.class)
                .config("mail.default-from", "site@example.com")
                .config("mail.marketing.backend", "locmem")
                .config("mail.marketing.default-from", "marketing@example.com")
                .config("mail.audit.backend", "locmem")
                .config("mail.custom.backend", "recording")
                .build();
    }

    /** INJ: an unqualified {@code Mailer} is the {@code default} alias, and so is {@code @Backend("default")}. */
    @Assertion(id = "unqualified-means-the-default-alias", strategy = Strategy.ADDED)
    public void unqualifiedMeansTheDefaultAlias() {
        assertEquals(Backend.DEFAULT, mailer.alias());
        assertEquals(Backend.DEFAULT, beans.select(Mailer.class, Backend.Literal.of(Backend.DEFAULT)).get().alias());
        assertEquals("marketing", marketing.alias());
    }

    /** INJ, design: each alias has its own outbox; sending through one leaves the others empty. */
    @Assertion(id = "aliases-are-isolated", strategy = Strategy.ADDED)
    public void aliasesAreIsolated() {
        clearOtherOutboxes();
        marketing.send(message("Campaign").build());
        assertEquals(1, marketingOutbox.size());
        assertEquals(0, defaultOutbox.size());
        mailer.send(message("Receipt").build());
        assertEquals(1, marketingOutbox.size());
        assertEquals(1, defaultOutbox.size());
        assertEquals(0, beans.select(Outbox.class, Backend.Literal.of("audit")).get().size());
    }

    /**
     * Configuration: {@code mail.<alias>.<key>} wins, else {@code mail.<key>}: {@code marketing}
     * has its own {@code default-from}, {@code audit} falls back to the global one; seen as the
     * sender each alias's outbox stores for a message sent without one.
     */
    @Assertion(id = "alias-settings-fall-back-to-global-keys", strategy = Strategy.ADDED)
    public void aliasSettingsFallBackToGlobalKeys() {
        clearOtherOutboxes();
        marketing.sendMail("Own", "x", null, List.of(TO));
        mailer.using("audit").sendMail("Global", "x", null, List.of(TO));
        Outbox audit = beans.select(Outbox.class, Backend.Literal.of("audit")).get();
        assertEquals(List.of("marketing@example.com"),
                marketingOutbox.messages().stream().map(m -> m.from().orElse(null)).toList());
        assertEquals(List.of("site@example.com"), audit.messages().stream().map(m -> m.from().orElse(null)).toList());
    }

    /** Design: {@code @Backend("console")} works with no configuration: the alias name names the backend. */
    @Assertion(id = "backend-name-works-as-an-alias-without-configuration", strategy = Strategy.ADDED)
    public void backendNameWorksAsAnAliasWithoutConfiguration() {
        EmailBackend console = beans.select(EmailBackend.class, Backend.Literal.of("console")).get();
        assertEquals(1, console.sendMessages(List.of(message("To the console").build())));
        assertEquals("console", mailer.using("console").alias());
    }

    /** API: an alias that is neither configured nor a backend name is refused. */
    @Assertion(id = "unknown-alias-is-refused", strategy = Strategy.ADDED)
    public void unknownAliasIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> mailer.using("no-such-alias"));
    }

    /**
     * B-SEL {@code test_custom_backend}, 6.1 {@code test_custom_backend}: a CDI bean named
     * {@code @Backend("recording")} is selected by {@code mail.custom.backend=recording}, through
     * the mailer and through injection.
     */
    @Assertion(id = "test_custom_backend", strategy = Strategy.REPRODUCED)
    public void customBackendIsSelectedByConfiguration() {
        RecordingBackend.SENT.clear();
        assertEquals(1, mailer.using("custom").sendMail("Custom", "x", FROM, List.of(TO)));
        EmailBackend custom = beans.select(EmailBackend.class, Backend.Literal.of("custom")).get();
        assertEquals(1, custom.sendMessages(List.of(message("Injected").build())));
        assertEquals(List.of("Custom", "Injected"), RecordingBackend.SENT.stream().map(EmailMessage::subject).toList());
        assertEquals(0, defaultOutbox.size());
    }
}

package org.cdimail.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.weld.junit5.auto.AddBeanClasses;
import org.jboss.weld.junit5.auto.EnableAutoWeld;
import org.junit.jupiter.api.Test;

import org.cdimail.Mailer;
import org.cdimail.Outbox;
import org.cdimail.inject.Backend;

/**
 * The README's test, as a newcomer writes it: {@code @MailTest} with weld-junit's auto mode and
 * nothing else. The extension is added by {@code @MailTest}, and a second alias that the
 * configuration points at a real SMTP server keeps its mail in memory too.
 */
@MailTest
@EnableAutoWeld
@AddBeanClasses(AutoWeldMailTestTest.PasswordReset.class)
class AutoWeldMailTestTest {

    /** An application bean sending through a second alias. */
    @ApplicationScoped
    static class PasswordReset {
        @Inject
        @Backend("transactional")
        Mailer transactional;

        int send(String to) {
            return transactional.sendMail("Reset your password", "Follow the link.", null, List.of(to));
        }
    }

    @Inject
    Mailer mailer;

    @Inject
    Outbox outbox;

    @Inject
    @Backend("transactional")
    Outbox transactionalOutbox;

    @Inject
    PasswordReset reset;

    @Test
    void theDefaultAliasKeepsItsMailInMemory() {
        assertEquals(1, mailer.sendMail("Welcome", "Hello", null, List.of("ada@example.com")));
        assertEquals(List.of("Welcome"), outbox.messages().stream().map(m -> m.subject()).toList());
        assertEquals(0, transactionalOutbox.size());
    }

    @Test
    void aSecondAliasConfiguredForSmtpKeepsItsMailInMemoryToo() {
        assertEquals(1, reset.send("ada@example.com"));
        assertEquals(List.of("Reset your password"),
                transactionalOutbox.messages().stream().map(m -> m.subject()).toList());
        assertEquals(0, outbox.size(), "each alias has its own outbox, emptied before each test");
    }
}

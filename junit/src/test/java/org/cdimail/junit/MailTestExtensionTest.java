package org.cdimail.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.cdimail.Mailer;
import org.cdimail.Outbox;
import org.cdimail.impl.MailExtension;

/**
 * {@code @MailTest} switches the default alias to locmem although the configuration says smtp,
 * and empties the outbox before each test; the container is shared by the tests of the class.
 */
@MailTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MailTestExtensionTest {

    static WeldContainer container;

    @BeforeAll
    static void boot() {
        container = new Weld("mail-test-extension").disableDiscovery().addExtension(new MailExtension())
                .addBeanClass(MailTestExtensionTest.class).initialize();
    }

    @AfterAll
    static void shutdown() {
        container.shutdown();
    }

    @Test
    @Order(1)
    void theDefaultAliasUsesLocmemDespiteTheConfiguration() {
        assertEquals("locmem", ConfigProvider.getConfig().getValue("mail.backend", String.class));
        Mailer mailer = container.select(Mailer.class).get();
        assertEquals(1, mailer.sendMail("First", "Body", null, List.of("ada@example.com")));
        assertEquals(1, container.select(Outbox.class).get().size());
    }

    @Test
    @Order(2)
    void theOutboxIsEmptiedBeforeEachTest() {
        Outbox outbox = container.select(Outbox.class).get();
        assertEquals(0, outbox.size());
        container.select(Mailer.class).get().sendMail("Second", "Body", null, List.of("ada@example.com"));
        assertEquals(List.of("Second"), outbox.messages().stream().map(m -> m.subject()).toList());
        assertTrue(LocmemConfigSource.isActive());
    }
}

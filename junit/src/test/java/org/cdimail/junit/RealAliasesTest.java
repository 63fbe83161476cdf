package org.cdimail.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * {@code @MailTest(realAliases = …)}: the named aliases keep their configured backend, every
 * other alias, even one the source cannot list, uses locmem.
 */
@MailTest(realAliases = "transactional")
class RealAliasesTest {

    @Test
    void aRealAliasKeepsItsConfiguredBackendAndTheOthersUseLocmem() {
        var config = ConfigProvider.getConfig();
        assertEquals("smtp", config.getValue("mail.transactional.backend", String.class));
        assertEquals("locmem", config.getValue("mail.backend", String.class));
        assertEquals("locmem", config.getValue("mail.default.backend", String.class));
        assertEquals("locmem", config.getValue("mail.newsletter.backend", String.class),
                "an alias nobody configured is switched too");
        assertEquals("192.0.2.1", config.getValue("mail.transactional.host", String.class),
                "only backend keys are switched");
    }
}

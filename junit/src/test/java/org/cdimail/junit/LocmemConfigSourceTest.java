package org.cdimail.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Without {@code @MailTest} the source is empty and the application's configuration applies. */
class LocmemConfigSourceTest {

    @Test
    void outsideAMailTestTheConfiguredBackendApplies() {
        assertFalse(LocmemConfigSource.isActive());
        assertEquals("smtp", ConfigProvider.getConfig().getValue("mail.backend", String.class));
        assertEquals("smtp", ConfigProvider.getConfig().getValue("mail.default.backend", String.class));
    }
}

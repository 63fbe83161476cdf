package org.cdimail.example.shop.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import org.cdimail.example.shop.Shop;

/**
 * Proves that {@link NoRealMailWasSentTest} could fail. Without {@code @MailTest}, the shop's own
 * configuration is in force: both aliases point at the {@link CountingSmtpPeer}, and the shop's
 * main class, which starts a plain Weld SE container, delivers its welcome mail there over one
 * counted connection. This test records that connection as deliberate, and the final check
 * subtracts it; a connection from any other test is not recorded, so it fails the check.
 */
class SmtpPeerSelfTest {

    @Test
    void bothAliasesOfTheShopsConfigurationPointAtThePeer() {
        Config config = ConfigProvider.getConfig();
        assertEquals("127.0.0.1", config.getValue("mail.host", String.class));
        assertEquals(CountingSmtpPeer.port(), config.getValue("mail.port", Integer.class));
        assertEquals("smtp", config.getValue("mail.transactional.backend", String.class));
        assertEquals("127.0.0.1", config.getValue("mail.transactional.host", String.class));
        assertEquals(CountingSmtpPeer.port(), config.getValue("mail.transactional.port", Integer.class));
    }

    @Test
    void theShopStartedWithoutMailTestDeliversToThePeerOverOneCountedConnection() {
        int connectionsBefore = CountingSmtpPeer.connections();
        int messagesBefore = CountingSmtpPeer.messages();

        Shop.main(new String[] {"ada@example.com"});

        int made = CountingSmtpPeer.connections() - connectionsBefore;
        CountingSmtpPeer.recordDeliberateConnections(made);
        assertEquals(1, made);
        assertEquals(1, CountingSmtpPeer.messages() - messagesBefore);
    }
}

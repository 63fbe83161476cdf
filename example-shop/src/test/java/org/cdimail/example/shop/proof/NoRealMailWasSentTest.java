package org.cdimail.example.shop.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The proof that {@code @MailTest} keeps tests off the real SMTP server: after every other test
 * class of the run (ordered last by {@code junit-platform.properties}, and checked), the
 * {@link CountingSmtpPeer} at the configured host and port has accepted no connection except those
 * {@link SmtpPeerSelfTest} made on purpose to show that it counts.
 */
@Order(Integer.MAX_VALUE)
class NoRealMailWasSentTest {

    @Test
    void noTestReachedTheConfiguredSmtpServer() {
        assertTrue(CountingSmtpPeer.isRunning(), "the LauncherSessionListener started the peer");
        assertEquals(String.valueOf(CountingSmtpPeer.port()), System.getProperty(CountingSmtpPeer.PORT_PROPERTY));
        assertEquals(Set.of(getClass().getName()), CountingSmtpPeer.unfinishedClasses(),
                "every other test class has finished");
        assertEquals(0, CountingSmtpPeer.connections() - CountingSmtpPeer.deliberateConnections(),
                "connections to the configured SMTP server that no test made on purpose");
    }
}

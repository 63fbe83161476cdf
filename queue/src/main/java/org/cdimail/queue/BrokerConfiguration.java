package org.cdimail.queue;

import java.nio.file.Path;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The configuration of an Artemis broker that keeps mail: persistent, with a journal synced to
 * disk on every commit and every non-transactional durable send (so that a message is on disk
 * before the sender's {@code send} returns), no security (bound to loopback or in-VM only), and
 * for the {@code cdimail.#} queues: never dropped or dead-lettered by the broker itself (the
 * workers decide), never deleted when empty.
 */
final class BrokerConfiguration {

    private BrokerConfiguration() {
    }

    /**
     * @param directory where the journal, bindings, large messages and paging files go
     * @param acceptor  the acceptor's URI ({@code vm://3}, {@code tcp://127.0.0.1:61616})
     * @return the configuration
     */
    static Configuration of(Path directory, String acceptor) {
        Path base = directory.toAbsolutePath().normalize();
        AddressSettings mail = new AddressSettings()
                .setMaxDeliveryAttempts(-1)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true)
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false)
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                .setRedeliveryDelay(1000);
        try {
            ConfigurationImpl configuration = new ConfigurationImpl();
            configuration.setName("cdi-mail")
                    .setPersistenceEnabled(true)
                    .setSecurityEnabled(false)
                    .setJournalType(JournalType.NIO)
                    .setJournalDirectory(base.resolve("journal").toString())
                    .setBindingsDirectory(base.resolve("bindings").toString())
                    .setLargeMessagesDirectory(base.resolve("large-messages").toString())
                    .setPagingDirectory(base.resolve("paging").toString())
                    .setJournalSyncTransactional(true)
                    .setJournalSyncNonTransactional(true)
                    .setCreateBindingsDir(true)
                    .setCreateJournalDir(true)
                    .setJMXManagementEnabled(false)
                    .setGracefulShutdownEnabled(false)
                    .addAddressSetting("cdimail.#", mail)
                    .addAcceptorConfiguration("cdi-mail", acceptor);
            return configuration;
        } catch (Exception e) {
            throw new IllegalStateException(QueueError.ACCEPTOR_NOT_CONFIGURED.message("the broker's acceptor cannot be configured: " + acceptor), e);
        }
    }
}

package org.cdimail.queue;

import org.cdimail.impl.backend.AliasContext;
import org.cdimail.impl.backend.QueueHook;
import org.cdimail.spi.BackendFactory;

/**
 * The queue's {@link QueueHook}, service-loaded by cdi-mail for an alias with
 * {@code queue.enabled=true}: reads the alias's queue settings, acquires its broker (embedded
 * unless {@code queue.url} is set) and gives the alias connections that enqueue.
 */
public final class QueueProvider implements QueueHook {

    /** Service-loaded. */
    public QueueProvider() {
    }

    @Override
    public BackendFactory wrap(AliasContext alias, BackendFactory delivering) {
        QueueSettings settings = QueueSettings.of(alias);
        BrokerSource broker = settings.url().<BrokerSource>map(RemoteBroker::new)
                .orElseGet(() -> EmbeddedBroker.acquire(settings.directory()));
        AliasQueue queue = new AliasQueue(alias, settings, delivering, broker);
        return new BackendFactory() {
            @Override
            public QueuedBackend connect(org.cdimail.spi.BackendContext connection) {
                return new QueuedBackend(queue, connection.failSilently());
            }

            @Override
            public void close() {
                queue.close();
            }
        };
    }
}

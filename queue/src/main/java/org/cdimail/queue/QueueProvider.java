package org.cdimail.queue;

import jakarta.jms.JMSException;

import org.cdimail.impl.backend.AliasContext;
import org.cdimail.impl.backend.QueueHook;
import org.cdimail.impl.backend.JoinsTransactions;
import org.cdimail.impl.config.InvalidSettingException;
import org.cdimail.impl.config.MailKey;
import org.cdimail.spi.BackendContext;
import org.cdimail.spi.BackendFactory;

/**
 * The queue's {@link QueueHook}, service-loaded by cdi-mail for an alias with
 * {@code queue.enabled=true}: reads the alias's queue settings, takes its broker (the
 * application server's connection factory when {@code queue.connection-factory} is set, else a
 * remote broker when {@code queue.url} is, else the embedded one), starts its in-app consumers
 * ({@code queue.in-app-consumers}) and gives the alias connections that enqueue. The factory it
 * returns tells cdi-mail, as a {@link JoinsTransactions}, whether an enqueue joins the
 * caller's JTA transaction.
 */
public final class QueueProvider implements QueueHook {

    /** Service-loaded. */
    public QueueProvider() {
    }

    @Override
    public BackendFactory wrap(AliasContext alias, BackendFactory delivering) {
        QueueSettings settings = QueueSettings.of(alias);
        BrokerSource broker = broker(alias, settings);
        AliasQueue queue = new AliasQueue(alias, settings, delivering, broker);
        try {
            if (settings.connectionFactory().isPresent()) {
                checkDeclared(queue, alias, settings);
            }
            queue.startInAppConsumers();
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
        return new QueueFactory(queue);
    }

    private static BrokerSource broker(AliasContext alias, QueueSettings settings) {
        if (settings.connectionFactory().isPresent()) {
            return JndiBroker.lookUp(settings.connectionFactory().get(), alias.keyOf(MailKey.QUEUE_CONNECTION_FACTORY));
        }
        return settings.url().<BrokerSource>map(RemoteBroker::new)
                .orElseGet(() -> EmbeddedBroker.acquire(settings.directory()));
    }

    /**
     * The application server's broker must have the alias's two queues (declared by the operator
     * or the deployment): a missing one fails the deployment now rather than the first send.
     */
    private static void checkDeclared(AliasQueue queue, AliasContext alias, QueueSettings settings) {
        for (String name : new String[] {settings.queueName(), settings.deadLetterQueueName()}) {
            try {
                queue.browse(name);
            } catch (JMSException | RuntimeException e) {
                String key = alias.keyOf(MailKey.QUEUE_CONNECTION_FACTORY);
                throw new InvalidSettingException(key, QueueError.QUEUE_NOT_DECLARED.message("the queue '" + name
                        + "' of alias '" + alias.alias() + "' cannot be used through " + queue.describe() + " (" + key
                        + "): declare it (WildFly: jms-queue add --queue-address=" + name + ", or @JMSDestinationDefinition"
                        + " with destinationName=\"" + name + "\"); " + e.getClass().getSimpleName()));
            }
        }
    }

    /** The alias's connections, which enqueue; closing it closes the queue. */
    private static final class QueueFactory implements BackendFactory, JoinsTransactions {

        private final AliasQueue queue;

        QueueFactory(AliasQueue queue) {
            this.queue = queue;
        }

        @Override
        public QueuedBackend connect(BackendContext connection) {
            return new QueuedBackend(queue, connection.failSilently());
        }

        @Override
        public boolean joinsTransaction() {
            return queue.enqueueJoinsTransaction();
        }

        @Override
        public void close() {
            queue.close();
        }
    }
}

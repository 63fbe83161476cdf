package org.cdimail.queue;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The in-VM ActiveMQ Artemis broker of a journal directory ({@code mail.queue.directory}):
 * started by the first alias that uses the directory, stopped when the last one releases it
 * (at container shutdown). One broker per directory and JVM; a directory can be used by one JVM
 * at a time (Artemis locks it): to share a queue between JVMs, run {@code cdi-mail broker} and
 * set {@code mail.queue.url}.
 */
final class EmbeddedBroker implements BrokerSource {

    private static final System.Logger LOG = System.getLogger(EmbeddedBroker.class.getName());
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Map<Path, Running> RUNNING = new HashMap<>();

    /** A started broker and how many sources use it. */
    private static final class Running {
        final EmbeddedActiveMQ server;
        final String url;
        int users;

        Running(EmbeddedActiveMQ server, String url) {
            this.server = server;
            this.url = url;
        }
    }

    private final Path directory;
    private final ActiveMQConnectionFactory factory;
    private boolean closed;

    private EmbeddedBroker(Path directory, String url) {
        this.directory = directory;
        this.factory = new ActiveMQConnectionFactory(url);
    }

    /**
     * The broker of {@code directory}, started if no one uses it yet.
     *
     * @param directory the journal directory
     * @return a source to {@link #close()} when done
     * @throws IllegalStateException if the broker cannot start (the directory is locked by another JVM, say)
     */
    static EmbeddedBroker acquire(Path directory) {
        Path key = directory.toAbsolutePath().normalize();
        synchronized (RUNNING) {
            Running running = RUNNING.get(key);
            if (running == null) {
                String url = "vm://" + IDS.incrementAndGet();
                EmbeddedActiveMQ server = new EmbeddedActiveMQ();
                server.setConfiguration(BrokerConfiguration.of(key, url));
                try {
                    server.start();
                } catch (Exception e) {
                    stopQuietly(server);
                    throw new IllegalStateException(QueueError.EMBEDDED_BROKER_NOT_STARTED.message("the embedded queue broker could not start in "
                            + key + ": " + e.getClass().getSimpleName()), e);
                }
                running = new Running(server, url);
                RUNNING.put(key, running);
                LOG.log(Level.INFO, QueueError.EMBEDDED_BROKER_STARTED.message("embedded queue broker started, journal in {0}"), key);
            }
            running.users++;
            return new EmbeddedBroker(key, running.url);
        }
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return factory;
    }

    @Override
    public String describe() {
        return "the embedded broker in " + directory;
    }

    @Override
    public void close() {
        synchronized (RUNNING) {
            if (closed) {
                return;
            }
            closed = true;
            factory.close();
            Running running = RUNNING.get(directory);
            if (running != null && --running.users == 0) {
                RUNNING.remove(directory);
                stopQuietly(running.server);
                LOG.log(Level.INFO, QueueError.EMBEDDED_BROKER_STOPPED.message("embedded queue broker stopped ({0})"), directory);
            }
        }
    }

    private static void stopQuietly(EmbeddedActiveMQ server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, QueueError.EMBEDDED_BROKER_NOT_STOPPED.message("the embedded queue broker did not stop cleanly: {0}"),
                    e.getClass().getSimpleName());
        }
    }
}

package org.cdimail.queue;

import java.nio.file.Path;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * An ActiveMQ Artemis broker for other JVMs ({@code cdi-mail broker}): the same persistent,
 * synced configuration as the embedded one, listening on {@code tcp://127.0.0.1:port} only.
 * Workers and senders reach it with {@code mail.queue.url}.
 */
public final class StandaloneBroker implements AutoCloseable {

    private final EmbeddedActiveMQ server;
    private final int port;

    private StandaloneBroker(EmbeddedActiveMQ server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts a broker.
     *
     * @param directory its journal directory (created if missing)
     * @param port      the loopback port to listen on
     * @return the running broker
     * @throws IllegalStateException if it cannot start (the port is taken, the directory locked)
     */
    public static StandaloneBroker start(Path directory, int port) {
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(BrokerConfiguration.of(directory, "tcp://127.0.0.1:" + port));
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // it did not start
            }
            throw new IllegalStateException(QueueError.STANDALONE_BROKER_NOT_STARTED.message("the broker could not start on 127.0.0.1:" + port + " with "
                    + directory + ": " + e.getClass().getSimpleName()), e);
        }
        return new StandaloneBroker(server, port);
    }

    /** @return the URL clients use: {@code tcp://127.0.0.1:port} */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Stops the broker; never throws. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }
}

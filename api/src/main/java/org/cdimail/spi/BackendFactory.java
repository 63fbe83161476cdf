package org.cdimail.spi;

/**
 * Creates the connections of one alias: returned by
 * {@link BackendProvider#configure(BackendContext)}, closed when the container stops.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface BackendFactory extends AutoCloseable {

    /**
     * A new, unopened connection.
     *
     * @param connection the alias with this connection's fail-silently and credentials
     * @return the connection
     */
    EmailBackend connect(BackendContext connection);

    /** Releases what the alias's connections share (pooled connections); the default has nothing to release. */
    @Override
    default void close() {
    }
}

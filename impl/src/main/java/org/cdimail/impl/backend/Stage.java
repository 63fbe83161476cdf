package org.cdimail.impl.backend;

import java.util.Optional;

import org.cdimail.spi.EmailBackend;

/**
 * A connection that is a stage in front of another one (after-commit holding, events and
 * governance, fail-silently): lets cdi-mail's own artifacts reach the backend's connection behind
 * the stages, such as the durable queue's {@code AliasQueue.of(connection)}.
 */
public interface Stage {

    /**
     * The connection this stage sends through.
     *
     * @return the next connection towards the backend
     */
    EmailBackend inner();

    /**
     * The first connection of {@code type} behind {@code connection} and its stages, itself included.
     *
     * @param <T>        the type
     * @param connection a connection an alias gave
     * @param type       the type looked for
     * @return the connection of that type, or empty
     */
    static <T> Optional<T> find(EmailBackend connection, Class<T> type) {
        EmailBackend current = connection;
        for (int depth = 0; current != null && depth < 16; depth++) {
            if (type.isInstance(current)) {
                return Optional.of(type.cast(current));
            }
            current = current instanceof Stage stage ? stage.inner() : null;
        }
        return Optional.empty();
    }
}

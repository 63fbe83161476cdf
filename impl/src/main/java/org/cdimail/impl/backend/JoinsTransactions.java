package org.cdimail.impl.backend;

/**
 * Implemented by a {@link org.cdimail.spi.BackendFactory} whose connections take part in the
 * caller's JTA transaction themselves, such as the durable queue enqueueing through the server's
 * XA connection factory ({@code java:/JmsXA}): with a transaction active, cdi-mail then hands
 * their sends over at once instead of holding them until the commit
 * ({@code mail.<alias>.transactional}), since the enqueue commits or rolls back with the data.
 */
public interface JoinsTransactions {

    /**
     * Whether sends of this factory's connections, made now, join the calling thread's transaction.
     *
     * @return {@code true} if they commit and roll back with it
     */
    boolean joinsTransaction();
}

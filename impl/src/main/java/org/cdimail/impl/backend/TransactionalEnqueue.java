package org.cdimail.impl.backend;

/**
 * Implemented by the factory a {@link QueueHook} returns for a queued alias, to tell cdi-mail
 * whether an enqueue made inside an active JTA transaction joins that transaction: the message
 * is then queued when the transaction commits and never queued when it rolls back, so the
 * after-commit deferral ({@code mail.<alias>.transactional=after-commit}) must not be applied to
 * the alias. A factory that does not implement it does not join transactions.
 */
public interface TransactionalEnqueue {

    /**
     * Whether an enqueue inside an active JTA transaction joins it (WildFly's {@code java:/JmsXA}
     * through {@code mail.<alias>.queue.connection-factory}). Decided once, when the alias starts.
     *
     * @return {@code true} if the enqueue commits and rolls back with the caller's transaction
     */
    boolean enqueueJoinsTransaction();
}

package org.cdimail.queue;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;

/**
 * The application server's JTA transactions, as the queue uses them with a container-managed
 * connection factory: whether the calling thread has a transaction (which an enqueue then joins),
 * and a {@link UserTransaction} for the units of work the queue begins itself (an enqueue outside
 * a transaction, a consumer's batch). Both are looked up in JNDI by their standard names on the
 * thread that needs them (a managed thread has the application's {@code java:comp}), and
 * remembered once found. Thread-safe.
 */
final class Jta {

    static final String REGISTRY = "java:comp/TransactionSynchronizationRegistry";
    static final String USER_TRANSACTION = "java:comp/UserTransaction";

    private volatile TransactionSynchronizationRegistry registry;

    /**
     * Whether the calling thread is in a JTA transaction (active, or marked for rollback).
     *
     * @return {@code true} if an enqueue on this thread joins a transaction
     */
    boolean active() {
        TransactionSynchronizationRegistry found = registry();
        if (found == null) {
            return false;
        }
        int status = found.getTransactionStatus();
        return status != Status.STATUS_NO_TRANSACTION && status != Status.STATUS_COMMITTED
                && status != Status.STATUS_ROLLEDBACK;
    }

    /** Marks the calling thread's transaction for rollback: what it enqueued could not be stored. */
    void setRollbackOnly() {
        TransactionSynchronizationRegistry found = registry();
        if (found != null) {
            try {
                found.setRollbackOnly();
            } catch (IllegalStateException ignored) {
                // no transaction after all
            }
        }
    }

    /**
     * The calling thread's {@link UserTransaction}.
     *
     * @return the user transaction, or {@code null} where the component may not use one (a CMT bean)
     *         or there is no JTA
     */
    UserTransaction userTransaction() {
        Object found = lookUp(USER_TRANSACTION);
        return found instanceof UserTransaction user ? user : null;
    }

    /**
     * Begins a transaction on the calling thread.
     *
     * @param user           its user transaction
     * @param timeoutSeconds the transaction's timeout
     * @throws IllegalStateException if it cannot be begun
     */
    static void begin(UserTransaction user, int timeoutSeconds) {
        try {
            user.setTransactionTimeout(timeoutSeconds);
            user.begin();
        } catch (jakarta.transaction.NotSupportedException | SystemException e) {
            throw failed("begun", e);
        }
    }

    /**
     * Commits the calling thread's transaction.
     *
     * @param user its user transaction
     * @throws IllegalStateException if it did not commit (it was rolled back)
     */
    static void commit(UserTransaction user) {
        try {
            user.commit();
        } catch (jakarta.transaction.RollbackException | jakarta.transaction.HeuristicMixedException
                | jakarta.transaction.HeuristicRollbackException | SystemException e) {
            throw failed("committed", e);
        } finally {
            resetTimeout(user);
        }
    }

    /**
     * Rolls back the calling thread's transaction; never throws.
     *
     * @param user its user transaction
     */
    static void rollback(UserTransaction user) {
        try {
            if (user.getStatus() != Status.STATUS_NO_TRANSACTION) {
                user.rollback();
            }
        } catch (SystemException | RuntimeException ignored) {
            // the transaction manager ends it at its timeout
        } finally {
            resetTimeout(user);
        }
    }

    private static void resetTimeout(UserTransaction user) {
        try {
            user.setTransactionTimeout(0);
        } catch (SystemException | RuntimeException ignored) {
            // the next begin sets its own
        }
    }

    private static IllegalStateException failed(String what, Exception e) {
        return new IllegalStateException(QueueError.TRANSACTION_FAILED.message("the queue's JTA transaction could not be "
                + what + ": " + e.getClass().getSimpleName()), e);
    }

    private TransactionSynchronizationRegistry registry() {
        TransactionSynchronizationRegistry known = registry;
        if (known == null && lookUp(REGISTRY) instanceof TransactionSynchronizationRegistry found) {
            registry = found;
            known = found;
        }
        return known;
    }

    private static Object lookUp(String name) {
        try {
            return new InitialContext().lookup(name);
        } catch (NamingException | RuntimeException e) {
            return null;
        }
    }
}

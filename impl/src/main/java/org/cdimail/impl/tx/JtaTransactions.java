package org.cdimail.impl.tx;

import java.util.Optional;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * {@link Transactions} on the container's {@code TransactionSynchronizationRegistry}. The only
 * class of cdi-mail that names the JTA API; loaded only when that API is on the class path.
 */
final class JtaTransactions implements Transactions {

    /** Where Jakarta EE binds the registry for every component. */
    static final String REGISTRY = "java:comp/TransactionSynchronizationRegistry";

    private final TransactionSynchronizationRegistry registry;

    private JtaTransactions(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    /**
     * The registry bound in JNDI, if any.
     *
     * @return the transactions, or empty when nothing (or something else) is bound
     * @throws NoInitialContextException when there is no JNDI at all
     */
    static Optional<Transactions> lookUp() throws NoInitialContextException {
        try {
            Object bound = new InitialContext().lookup(REGISTRY);
            return bound instanceof TransactionSynchronizationRegistry found ? Optional.of(new JtaTransactions(found))
                    : Optional.empty();
        } catch (NoInitialContextException e) {
            throw e;
        } catch (NamingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public State state() {
        int status;
        try {
            status = registry.getTransactionStatus();
        } catch (RuntimeException e) {
            return State.NONE; // a thread the transaction manager does not serve
        }
        return switch (status) {
            case Status.STATUS_ACTIVE -> State.ACTIVE;
            case Status.STATUS_MARKED_ROLLBACK, Status.STATUS_ROLLING_BACK, Status.STATUS_ROLLEDBACK -> State.DOOMED;
            default -> State.NONE;
        };
    }

    @Override
    public boolean possible() {
        return true;
    }

    @Override
    public void onEnd(Completion completion) {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to prepare: the messages are held in memory
            }

            @Override
            public void afterCompletion(int status) {
                completion.ended(status == Status.STATUS_COMMITTED);
            }
        });
    }

    @Override
    public String toString() {
        return "JtaTransactions[" + REGISTRY + "]";
    }
}

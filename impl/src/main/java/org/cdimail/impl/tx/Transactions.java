package org.cdimail.impl.tx;

/**
 * The JTA transaction of the calling thread, as far as mail cares: none, active, or bound to roll
 * back. {@link #lookUp()} finds the container's {@code TransactionSynchronizationRegistry}; the
 * JTA API is loaded only when it is on the class path, so that Weld SE without it works. Thread-safe.
 */
public interface Transactions {

    /** Where the calling thread stands. */
    enum State {
        /** No transaction (or one that has committed and is finishing): send now. */
        NONE,
        /** A transaction that may still commit: hold the send until it ends. */
        ACTIVE,
        /** A transaction that is marked for rollback or rolled back: the send is discarded. */
        DOOMED
    }

    /** Told how the transaction a send was held for ended. */
    @FunctionalInterface
    interface Completion {
        /**
         * The transaction ended; called on the thread that ended it, after the commit or rollback.
         *
         * @param committed {@code true} after a commit, {@code false} after a rollback
         */
        void ended(boolean committed);
    }

    /** No JTA: every thread is outside a transaction. */
    Transactions NONE = new Transactions() {
        @Override
        public State state() {
            return State.NONE;
        }

        @Override
        public void onEnd(Completion completion) {
            throw new IllegalStateException("no transaction");
        }

        @Override
        public boolean possible() {
            return false;
        }
    };

    /**
     * The state of the calling thread's transaction.
     *
     * @return the state; {@link State#NONE} without JTA
     */
    State state();

    /**
     * Whether a transaction may ever be active: {@code false} once it is known that there is no
     * JTA (no API on the class path, or no JNDI), so that connections need no transactional stage.
     *
     * @return {@code true} unless there can be no transaction
     */
    boolean possible();

    /**
     * Registers {@code completion} for the end of the calling thread's transaction (an
     * interposed synchronization, run after the application's own).
     *
     * @param completion what to do after the commit or the rollback
     * @throws IllegalStateException if the transaction takes no more synchronizations
     */
    void onEnd(Completion completion);

    /**
     * The container's transactions, looked up in JNDI ({@code java:comp/TransactionSynchronizationRegistry}) on first
     * use: none when the JTA API is not on the class path or there is no JNDI at all; a failed
     * look-up on a thread without the component's naming context is tried again on the next.
     *
     * @return the container's transactions, found lazily
     */
    static Transactions lookUp() {
        return new LazyTransactions();
    }
}

package org.cdimail.queue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.transaction.UserTransaction;

/**
 * The JMS sessions the queue works in, one {@link Unit} per unit of work (an enqueue, a
 * consumer's batch, a count). With a broker of cdi-mail's own, units are sessions of one shared
 * connection and their transactions are local ({@code Session.commit}). With a
 * {@linkplain BrokerSource#containerManaged() container-managed} factory, each unit takes its
 * own connection from the container's pool and its transaction is JTA's: it joins the calling
 * thread's transaction, or begins one with the {@link UserTransaction}, or (neither available) is
 * not transacted. Thread-safe; units are not.
 */
final class Sessions implements AutoCloseable {

    /**
     * The timeout of the JTA transactions the queue begins: a consumer's batch delivers up to
     * {@value Consumer#BATCH} messages over SMTP inside one.
     */
    static final int TRANSACTION_TIMEOUT_SECONDS = 900;

    private final BrokerSource source;
    private final Jta jta = new Jta();
    private Connection shared;
    private boolean closed;

    /**
     * @param source the broker
     */
    Sessions(BrokerSource source) {
        this.source = source;
    }

    /** @return whether units are the container's (JTA, pooled connections) */
    boolean containerManaged() {
        return source.containerManaged();
    }

    /** @return the JTA of the container */
    Jta jta() {
        return jta;
    }

    /**
     * Opens a unit of work.
     *
     * @param transacted whether what is sent and received in it is committed together
     * @return the unit, to close
     * @throws JMSException if the broker cannot be reached
     */
    Unit open(boolean transacted) throws JMSException {
        if (!source.containerManaged()) {
            return new Unit(shared().createSession(transacted, transacted ? Session.SESSION_TRANSACTED
                    : Session.AUTO_ACKNOWLEDGE), null, transacted, false, null);
        }
        boolean joined = transacted && jta.active();
        UserTransaction began = null;
        if (transacted && !joined) {
            began = jta.userTransaction();
            if (began != null) {
                try {
                    Jta.begin(began, TRANSACTION_TIMEOUT_SECONDS);
                } catch (IllegalStateException e) {
                    throw failure(e);
                }
            }
        }
        boolean inTransaction = joined || began != null;
        Connection connection = null;
        try {
            connection = source.connectionFactory().createConnection();
            Session session = connection.createSession(inTransaction,
                    inTransaction ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE);
            connection.start();
            return new Unit(session, connection, inTransaction, joined, began);
        } catch (JMSException | RuntimeException e) {
            closeQuietly(connection);
            if (began != null) {
                Jta.rollback(began);
            } else if (joined) {
                jta.setRollbackOnly();
            }
            throw e;
        }
    }

    /** The shared connection of a broker of cdi-mail's own, started (consumers receive on it). */
    synchronized Connection shared() throws JMSException {
        if (closed) {
            throw new IllegalStateException(QueueError.QUEUE_CLOSED.message("the queue's connection is closed"));
        }
        if (shared == null) {
            shared = source.connectionFactory().createConnection();
            shared.start();
        }
        return shared;
    }

    /** Closes the shared connection, if any; never throws. */
    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly(shared);
        shared = null;
    }

    private static JMSException failure(IllegalStateException e) {
        JMSException failure = new JMSException(e.getMessage());
        failure.setLinkedException(e);
        failure.initCause(e);
        return failure;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException ignored) {
                // closing anyway
            }
        }
    }

    /**
     * One unit of work: a session whose work {@link #commit()} makes durable, and {@link #close()}
     * undoes when it was not committed (marking a joined transaction for rollback: mail and data
     * commit or roll back together).
     */
    final class Unit implements AutoCloseable {

        private final Session session;
        private final Connection connection;
        private final boolean transacted;
        private final boolean joined;
        private final UserTransaction began;
        private boolean committed;

        private Unit(Session session, Connection connection, boolean transacted, boolean joined, UserTransaction began) {
            this.session = session;
            this.connection = connection;
            this.transacted = transacted;
            this.joined = joined;
            this.began = began;
        }

        /** @return the session */
        Session session() {
            return session;
        }

        /** @return whether the unit's sends and receipts are committed together */
        boolean transacted() {
            return transacted;
        }

        /** @return whether the unit joined the caller's JTA transaction (it commits with it) */
        boolean joined() {
            return joined;
        }

        /**
         * Commits the unit: the local transaction, or the JTA transaction the unit began; a joined
         * transaction is the caller's to commit.
         *
         * @throws JMSException if it did not commit
         */
        void commit() throws JMSException {
            if (connection == null) {
                if (transacted) {
                    session.commit();
                }
                committed = true;
                return;
            }
            closeQuietly(connection); // back to the pool: the container commits what it did with the transaction
            committed = true;
            if (began != null) {
                try {
                    Jta.commit(began);
                } catch (IllegalStateException e) {
                    throw failure(e);
                }
            }
        }

        /** Closes the session; what was not committed is rolled back. Never throws. */
        @Override
        public void close() {
            if (connection == null) {
                try {
                    session.close();
                } catch (JMSException | RuntimeException ignored) {
                    // closing anyway; the broker rolls back an uncommitted session
                }
                return;
            }
            if (committed) {
                return;
            }
            closeQuietly(connection);
            if (began != null) {
                Jta.rollback(began);
            } else if (joined) {
                jta.setRollbackOnly();
            }
        }
    }
}

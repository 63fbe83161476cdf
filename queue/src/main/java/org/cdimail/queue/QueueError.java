package org.cdimail.queue;

import org.cdimail.ErrorId;

/**
 * The ids of the errors the queue module raises, one constant per id with when it is raised:
 * {@code CDIMAIL-00550} to {@code 00599}. An id is never reused; one id may start several
 * messages when they tell of one error. Internal to cdi-mail.
 */
public enum QueueError implements ErrorId {

    /** A spool of a large message is read after its writer stopped. */
    SPOOL_CLOSED(552),
    /** A spool is used in a state that does not allow it. */
    SPOOL_STATE(553),
    /** A large message is read whole instead of streamed with open(). */
    LARGE_MESSAGE_READ_WHOLE(554),
    /** A queue setting cannot be used; the message names the key. */
    INVALID_QUEUE_SETTING(555),
    /** The broker's network acceptor cannot be configured. */
    ACCEPTOR_NOT_CONFIGURED(556),
    /** The embedded broker could not start in its journal directory. */
    EMBEDDED_BROKER_NOT_STARTED(557),
    /** The embedded broker started (logged at INFO). */
    EMBEDDED_BROKER_STARTED(558),
    /** The embedded broker stopped (logged at INFO). */
    EMBEDDED_BROKER_STOPPED(559),
    /** The embedded broker did not stop cleanly (logged at WARNING). */
    EMBEDDED_BROKER_NOT_STOPPED(560),
    /** A queued message's envelope cannot be read. */
    ENVELOPE_UNREADABLE(561),
    /** A consumer failed and starts again (logged at WARNING). */
    CONSUMER_RESTARTED(562),
    /** A queued message could not be spooled to disk for delivery. */
    SPOOL_FAILED(563),
    /** The queue's messages could not be counted. */
    QUEUE_NOT_COUNTED(564),
    /** Messages could not be queued: the caller gets the failure, nothing is half-queued. */
    NOT_QUEUED(565),
    /** The queue of an alias is used after it was closed. */
    QUEUE_CLOSED(566),
    /** An alias whose backend cannot deliver pre-rendered messages is queued (only smtp can). */
    BACKEND_NOT_QUEUEABLE(567),
    /** No worker could connect to the broker. */
    NO_WORKER_CONNECTION(568),
    /** The broker could not be asked about a queue. */
    QUEUE_NOT_ASKED(569),
    /** The standalone broker of cdi-mail broker could not start. */
    STANDALONE_BROKER_NOT_STARTED(570),
    /** {@code queue.connection-factory} names nothing in JNDI, or something that is not a connection factory. */
    CONNECTION_FACTORY_NOT_FOUND(571),
    /** An alias's queue or dead-letter queue is not declared on the application server's broker. */
    QUEUE_NOT_DECLARED(572),
    /** In-app consumers of an alias started (logged at INFO). */
    IN_APP_CONSUMERS_STARTED(573),
    /** A JTA transaction of the queue could not be begun, committed or rolled back. */
    TRANSACTION_FAILED(574),
    /** Pending counts only ready messages: the broker's core API cannot be reached (logged at INFO, once). */
    COUNT_ONLY_READY(575),
    /** A container-managed connection factory needs a JTA UserTransaction to consume, and there is none. */
    NO_USER_TRANSACTION(576),
    /** An observer of a queue worker's send event failed (logged at WARNING; the worker goes on). */
    EVENT_NOT_TOLD(577),
    /** A message is deferred for a retry (logged at DEBUG, with the failure or reply code, never an address). */
    MESSAGE_DEFERRED(578);

    private final int number;

    QueueError(int number) {
        this.number = number;
    }

    /**
     * The number of this error, 550 to 599.
     *
     * @return the number
     */
    @Override
    public int number() {
        return number;
    }

    /**
     * The id.
     *
     * @return {@link #id()}
     */
    @Override
    public String toString() {
        return id();
    }
}

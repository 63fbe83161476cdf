package org.cdimail.impl.backend.smtp;

import static org.cdimail.impl.ImplError.IMPOSSIBLE_TRANSACTION_STATE;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an {@link SmtpWire} connection is in its mail transactions. Every change goes through
 * {@link #to(TransactionState)}, which refuses a transition the protocol does not have.
 *
 * <pre>
 * READY, NEEDS_RESET --commands written--&gt; ENVELOPE --354--&gt; CONTENT --dot buffered--&gt; DOT
 * ENVELOPE --refused--&gt; NEEDS_RESET        DOT --reply--&gt; READY
 * any --lost, abandoned, closed--&gt; CLOSED
 * </pre>
 * A pipelined batch writes the next message's envelope while in {@code DOT}: that message has
 * then <em>begun</em>, and the state goes from {@code DOT} straight to {@code ENVELOPE}.
 */
enum TransactionState {
    /** No transaction; the next starts with {@code MAIL FROM}. */
    READY,
    /** A transaction was refused before its content: the next starts with {@code RSET}. */
    NEEDS_RESET,
    /** A transaction's commands are written; their replies are not all read. */
    ENVELOPE,
    /** After {@code 354}: the content is being written. */
    CONTENT,
    /** The content and its final dot are written (perhaps still buffered); the reply is not read. */
    DOT,
    /** The connection is closed or broken: nothing more is sent on it. */
    CLOSED;

    /** The transitions the protocol has, built once (a transition is on every message's path). */
    private static final Map<TransactionState, Set<TransactionState>> NEXT = new EnumMap<>(TransactionState.class);

    static {
        for (TransactionState state : values()) {
            NEXT.put(state, switch (state) {
                case READY, NEEDS_RESET -> EnumSet.of(ENVELOPE, CLOSED);
                case ENVELOPE -> EnumSet.of(CONTENT, NEEDS_RESET, CLOSED);
                case CONTENT -> EnumSet.of(DOT, CLOSED);
                case DOT -> EnumSet.of(READY, ENVELOPE, CLOSED);
                case CLOSED -> EnumSet.of(CLOSED);
            });
        }
    }

    /**
     * The state after a transition.
     *
     * @throws IllegalStateException if the protocol has no such transition (a bug)
     */
    TransactionState to(TransactionState target) {
        if (!NEXT.get(this).contains(target)) {
            throw new IllegalStateException(IMPOSSIBLE_TRANSACTION_STATE.message("SMTP transaction state " + this
                    + " cannot go to " + target));
        }
        return target;
    }
}

package org.cdimail.impl.backend.smtp;

import java.util.List;

import jakarta.mail.MessagingException;

import org.cdimail.Refusal;

/**
 * A broken SMTP connection (end of stream, an I/O error, a timeout, a {@code 421} reply): the
 * connection is closed. {@link #contentSent()} says whether the message's final dot may have
 * reached the server, in which case the server may have accepted the message and it must never
 * be sent again; otherwise the server has nothing of it.
 */
final class ConnectionLostException extends MessagingException {
    private static final long serialVersionUID = 1L;
    private final boolean contentSent;
    private final transient List<Refusal> refusedByReply;
    private final boolean timedOut;

    /**
     * @param message        what broke, with an id, without server text or addresses
     * @param cause          the I/O failure, or {@code null}
     * @param contentSent    whether the final dot may have left
     * @param refusedByReply recipients of the message the server had already refused by reply
     * @param timedOut       whether a deadline ended it (a stuck server rather than a dropped connection)
     */
    ConnectionLostException(String message, Exception cause, boolean contentSent, List<Refusal> refusedByReply,
            boolean timedOut) {
        super(message, cause);
        this.contentSent = contentSent;
        this.refusedByReply = List.copyOf(refusedByReply);
        this.timedOut = timedOut;
    }

    ConnectionLostException(String message, Exception cause, boolean contentSent) {
        this(message, cause, contentSent, List.of(), false);
    }

    /**
     * Whether a deadline ended the connection: the server got stuck rather than dropping it, so
     * sending the message again on a new connection would most likely just wait as long again.
     */
    boolean timedOut() {
        return timedOut;
    }

    /** Whether the whole message, final dot included, may have reached the server. */
    boolean contentSent() {
        return contentSent;
    }

    /** The recipients the server refused by reply before the connection broke. */
    List<Refusal> refusedByReply() {
        return refusedByReply == null ? List.of() : refusedByReply;
    }
}

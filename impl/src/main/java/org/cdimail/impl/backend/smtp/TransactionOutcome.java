package org.cdimail.impl.backend.smtp;

import java.util.List;

import org.cdimail.Refusal;

/**
 * What the server said to one mail transaction that ran to its end: who accepted the message,
 * who refused it and with which reply, the reply code to the end of the data and the server's
 * queue id. Never holds server text beyond the queue id token.
 *
 * @param accepted  the envelope recipients (addr-specs) that got the message, in envelope order
 * @param refused   the recipients that did not, each with its reply or failure
 * @param replyCode the reply code to the final dot, or 0 when the data was never acknowledged
 * @param queueId   the server's queue id, when its reply to the final dot gave one (see {@link QueueId})
 */
record TransactionOutcome(List<String> accepted, List<Refusal> refused, int replyCode, String queueId) {

    /** Copies the lists. */
    TransactionOutcome {
        accepted = List.copyOf(accepted);
        refused = List.copyOf(refused);
    }
}

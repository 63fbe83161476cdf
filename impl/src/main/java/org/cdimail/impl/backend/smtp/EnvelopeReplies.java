package org.cdimail.impl.backend.smtp;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.InternetAddress;

import org.cdimail.Refusal;
import org.cdimail.impl.backend.smtp.ReplyReader.Reply;
import org.cdimail.impl.mime.Envelope;

/**
 * The replies to one transaction's {@code MAIL FROM}, {@code RCPT TO}s and {@code DATA}, and the
 * one place that decides from them what happens next, for pipelined and lock-step transactions
 * alike: send the content, or not (and then whether the server is wrongly in data mode). Also
 * builds each recipient's {@link Refusal}: a {@code RCPT} refusal carries its reply and enhanced
 * code; a refused sender, a refused {@code DATA}, a refused final dot or a lost connection
 * refuses every recipient not refused already, with {@link Refusal#byFailure}.
 */
final class EnvelopeReplies {

    /** What to do once the replies are in. */
    enum Decision {
        /** {@code 354}: write the content. */
        SEND_CONTENT,
        /** Refused before the content: the connection stays usable (next transaction after {@code RSET}). */
        REFUSED,
        /**
         * Refused, yet {@code DATA} got {@code 354} (RFC 2920 says it should not): only a message
         * ends data mode, so the connection is dropped and the server discards the empty transaction.
         */
        REFUSED_IN_DATA_MODE
    }

    private final Envelope envelope;
    private Reply mail;
    private final List<Reply> recipients;
    private Reply data;

    EnvelopeReplies(Envelope envelope) {
        this.envelope = envelope;
        this.recipients = new ArrayList<>(envelope.recipients().size());
    }

    void mail(Reply reply) {
        mail = reply;
    }

    void recipient(Reply reply) {
        recipients.add(reply);
    }

    void data(Reply reply) {
        data = reply;
    }

    /** Whether the sender was accepted: lock-step sends the {@code RCPT}s only then. */
    boolean senderAccepted() {
        return mail != null && mail.code() == 250;
    }

    /** Whether a recipient was accepted: lock-step sends {@code DATA} only then. */
    boolean anyRecipientAccepted() {
        return recipients.stream().anyMatch(r -> accepts(r.code()));
    }

    /** The decision, once every reply that lock-step or pipelining asked for is in. */
    Decision decide() {
        boolean dataMode = data != null && data.code() == 354;
        if (!senderAccepted() || !anyRecipientAccepted()) {
            return dataMode ? Decision.REFUSED_IN_DATA_MODE : Decision.REFUSED;
        }
        return dataMode ? Decision.SEND_CONTENT : Decision.REFUSED;
    }

    /** The refusal of a transaction {@link #decide()} did not let through. */
    TransactionRefusedException refusal() {
        if (!senderAccepted()) {
            int code = mail == null ? 0 : mail.code();
            return new TransactionRefusedException("MAIL FROM", code,
                    new TransactionOutcome(List.of(), refuseRemaining(code, "sender refused"), 0, null), List.of(),
                    envelope.recipients(), List.of());
        }
        if (!anyRecipientAccepted()) {
            return new TransactionRefusedException("RCPT TO", firstRefusalCode(),
                    new TransactionOutcome(List.of(), recipientRefusals(), 0, null), List.of(), List.of(), refusedOnes());
        }
        int code = data == null ? 0 : data.code();
        return new TransactionRefusedException("DATA", code,
                new TransactionOutcome(List.of(), refuseRemaining(code, "DATA refused"), 0, null), List.of(),
                acceptedOnes(), refusedOnes());
    }

    /**
     * The outcome of the final dot's reply: everyone accepted; some refused by {@code RCPT}
     * (thrown, as Jakarta Mail reports a partial delivery); or the message refused.
     *
     * @throws TransactionRefusedException unless every recipient got the message
     */
    TransactionOutcome finish(Reply dot) throws TransactionRefusedException {
        if (dot.code() != 250) {
            return throwRefused("the end of the message", dot.code(), new TransactionOutcome(List.of(),
                    refuseRemaining(dot.code(), "message refused at the end of the data"), dot.code(), null),
                    List.of(), acceptedOnes(), refusedOnes());
        }
        TransactionOutcome outcome = new TransactionOutcome(addrSpecs(acceptedOnes()), recipientRefusals(), 250,
                QueueId.of(dot.lastLine()));
        if (outcome.refused().isEmpty()) {
            return outcome;
        }
        return throwRefused("RCPT TO", firstRefusalCode(), outcome, acceptedOnes(), List.of(), refusedOnes());
    }

    private static TransactionOutcome throwRefused(String command, int code, TransactionOutcome outcome,
            List<InternetAddress> sent, List<InternetAddress> unsent, List<InternetAddress> invalid)
            throws TransactionRefusedException {
        throw new TransactionRefusedException(command, code, outcome, sent, unsent, invalid);
    }

    /** The refusals by reply so far, for a connection lost in the middle. */
    List<Refusal> recipientRefusals() {
        List<Refusal> refusals = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            int code = recipients.get(i).code();
            if (!accepts(code)) {
                refusals.add(refusal(envelope.recipients().get(i).getAddress(), recipients.get(i)));
            }
        }
        return refusals;
    }

    private static Refusal refusal(String recipient, Reply reply) {
        int code = reply.code();
        return code >= 400 ? Refusal.byReply(recipient, code, reply.enhanced())
                : Refusal.byFailure(recipient, code, false, "unexpected reply to RCPT TO");
    }

    /** Refusals by reply, then every other recipient refused with {@code code} and {@code reason}. */
    private List<Refusal> refuseRemaining(int code, String reason) {
        List<Refusal> refusals = new ArrayList<>(envelope.recipients().size());
        List<InternetAddress> all = envelope.recipients();
        for (int i = 0; i < all.size(); i++) {
            String recipient = all.get(i).getAddress();
            if (i < recipients.size() && !accepts(recipients.get(i).code())) {
                refusals.add(refusal(recipient, recipients.get(i)));
            } else {
                refusals.add(Refusal.byFailure(recipient, code >= 200 && code <= 599 ? code : 0,
                        code < 500, reason));
            }
        }
        return refusals;
    }

    private List<InternetAddress> acceptedOnes() {
        List<InternetAddress> accepted = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            if (accepts(recipients.get(i).code())) {
                accepted.add(envelope.recipients().get(i));
            }
        }
        return accepted;
    }

    private List<InternetAddress> refusedOnes() {
        List<InternetAddress> refused = new ArrayList<>();
        for (int i = 0; i < recipients.size(); i++) {
            if (!accepts(recipients.get(i).code())) {
                refused.add(envelope.recipients().get(i));
            }
        }
        return refused;
    }

    private int firstRefusalCode() {
        return recipients.stream().mapToInt(Reply::code).filter(c -> !accepts(c)).findFirst().orElse(0);
    }

    private static boolean accepts(int code) {
        return code == 250 || code == 251;
    }

    private static List<String> addrSpecs(List<InternetAddress> addresses) {
        return addresses.stream().map(InternetAddress::getAddress).toList();
    }
}

package org.cdimail.queue;

import java.time.Instant;
import java.util.Optional;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

import org.cdimail.Refusal;

/**
 * Why a message (for some of its recipients) is in the dead-letter queue: the refusal that
 * ended it (SMTP code, enhanced code, the failure when there was no reply), how many attempts it
 * had, when it was first enqueued and last tried. Kept as properties of the dead JMS message
 * next to {@link QueuedMail}'s; never an address or server text.
 *
 * @param mail        the message and the recipients it is dead for
 * @param code        the SMTP reply code, 0 when there was none
 * @param enhanced    the RFC 3463 enhanced code, or {@code null}
 * @param reason      what happened: {@code "refused"}, {@code "expired"} or the failure
 * @param lastAttempt when it was last tried
 */
record DeadLetter(QueuedMail mail, int code, String enhanced, String reason, Instant lastAttempt) {

    static final String CODE = "cdimail_dead_code";
    static final String ENHANCED = "cdimail_dead_enhanced";
    static final String REASON = "cdimail_dead_reason";
    static final String LAST_ATTEMPT = "cdimail_last_attempt";

    /**
     * A dead letter for a refusal.
     *
     * @param mail    the message with the recipients it is dead for, its attempts counted
     * @param refusal the refusal
     * @param expired whether it is dead because it got too old (a temporary refusal)
     * @param now     the time of the last attempt
     * @return the dead letter
     */
    static DeadLetter of(QueuedMail mail, Refusal refusal, boolean expired, Instant now) {
        String why = expired ? "expired (queue.max-age) after a temporary failure"
                : refusal.reason().map(r -> "permanent failure: " + r).orElse("refused permanently");
        return new DeadLetter(mail, refusal.code().orElse(0), refusal.enhancedCode().orElse(null), why, now);
    }

    /**
     * Writes the properties.
     *
     * @param message the dead JMS message
     * @throws JMSException if a property cannot be set
     */
    void write(Message message) throws JMSException {
        mail.write(message);
        message.setIntProperty(CODE, code);
        if (enhanced != null) {
            message.setStringProperty(ENHANCED, enhanced);
        }
        message.setStringProperty(REASON, reason);
        message.setLongProperty(LAST_ATTEMPT, lastAttempt.toEpochMilli());
    }

    /**
     * Reads a dead JMS message's properties.
     *
     * @param message the message
     * @return the dead letter
     * @throws JMSException if they cannot be read
     */
    static DeadLetter read(Message message) throws JMSException {
        return new DeadLetter(QueuedMail.read(message), message.getIntProperty(CODE),
                message.getStringProperty(ENHANCED), message.getStringProperty(REASON),
                Instant.ofEpochMilli(message.getLongProperty(LAST_ATTEMPT)));
    }

    /** @return the enhanced code, if any */
    Optional<String> enhancedCode() {
        return Optional.ofNullable(enhanced);
    }

    /** One line for people: code, enhanced code, attempts, times, recipients counted, never shown. */
    String describe() {
        return (code == 0 ? "no reply" : String.valueOf(code)) + (enhanced == null ? "" : " " + enhanced) + ", "
                + reason + ", " + mail.attempts() + " attempt(s), first " + mail.enqueued() + ", last " + lastAttempt
                + ", " + mail.recipients().size() + " recipient(s), " + mail.messageId();
    }
}

package org.cdimail.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.cdimail.impl.mime.Envelope;

/**
 * What the queue keeps next to a message's rendered bytes, as properties of its JMS message:
 * the envelope (the recipients still to deliver to), the {@code Message-ID}, when it was first
 * enqueued and how many delivery attempts it has had. Addresses are addr-specs already checked
 * (and IDNA-encoded) at enqueue time, one per line.
 *
 * @param sender     {@code MAIL FROM}
 * @param recipients the {@code RCPT TO} still to deliver to
 * @param messageId  the rendered {@code Message-ID}
 * @param enqueued   when the message was first enqueued
 * @param attempts   delivery attempts so far
 */
record QueuedMail(String sender, List<String> recipients, String messageId, Instant enqueued, int attempts) {

    static final String SENDER = "cdimail_sender";
    static final String RECIPIENTS = "cdimail_recipients";
    static final String MESSAGE_ID = "cdimail_message_id";
    static final String ENQUEUED = "cdimail_enqueued";
    static final String ATTEMPTS = "cdimail_attempts";

    /** Copies the list. */
    QueuedMail {
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(enqueued, "enqueued");
    }

    /**
     * A message about to be enqueued for the first time.
     *
     * @param envelope  its checked envelope
     * @param messageId its Message-ID
     * @param now       the time
     * @return the queued mail, no attempts yet
     */
    static QueuedMail of(Envelope envelope, String messageId, Instant now) {
        return new QueuedMail(envelope.sender().getAddress(),
                envelope.recipients().stream().map(InternetAddress::getAddress).toList(), messageId, now, 0);
    }

    /**
     * The same message for fewer recipients after one more attempt.
     *
     * @param remaining the recipients to try again
     * @return the next attempt's mail
     */
    QueuedMail retry(List<String> remaining) {
        return new QueuedMail(sender, remaining, messageId, enqueued, attempts + 1);
    }

    /**
     * Reads the properties of a queued JMS message.
     *
     * @param message the JMS message
     * @return the mail
     * @throws JMSException if the properties cannot be read
     */
    static QueuedMail read(Message message) throws JMSException {
        String recipients = message.getStringProperty(RECIPIENTS);
        return new QueuedMail(message.getStringProperty(SENDER),
                recipients == null || recipients.isEmpty() ? List.of() : List.of(recipients.split("\n")),
                message.getStringProperty(MESSAGE_ID), Instant.ofEpochMilli(message.getLongProperty(ENQUEUED)),
                message.getIntProperty(ATTEMPTS));
    }

    /**
     * Writes the properties onto a JMS message.
     *
     * @param message the JMS message
     * @throws JMSException if a property cannot be set
     */
    void write(Message message) throws JMSException {
        message.setStringProperty(SENDER, sender);
        message.setStringProperty(RECIPIENTS, String.join("\n", recipients));
        if (messageId != null) {
            message.setStringProperty(MESSAGE_ID, messageId);
        }
        message.setLongProperty(ENQUEUED, enqueued.toEpochMilli());
        message.setIntProperty(ATTEMPTS, attempts);
    }

    /**
     * The SMTP envelope.
     *
     * @return the envelope
     * @throws IllegalStateException if an address is no longer parseable (a corrupted message)
     */
    Envelope envelope() {
        try {
            List<InternetAddress> to = new ArrayList<>();
            for (String recipient : recipients) {
                to.add(new InternetAddress(recipient, false));
            }
            return new Envelope(new InternetAddress(sender, false), to);
        } catch (AddressException e) {
            throw new IllegalStateException(QueueError.ENVELOPE_UNREADABLE.message("a queued message's envelope cannot be read"), e);
        }
    }

    /** Never shows addresses. */
    @Override
    public String toString() {
        return "QueuedMail[" + messageId + ", recipients=" + recipients.size() + ", attempts=" + attempts + "]";
    }
}

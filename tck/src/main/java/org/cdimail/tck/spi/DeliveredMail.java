package org.cdimail.tck.spi;

import static org.cdimail.tck.support.TckError.UNPARSABLE_DELIVERED_MAIL;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * One message as a backend delivered it: the RFC 5322 bytes, and, when the backend records it,
 * the envelope it was delivered with.
 *
 * <p>Immutable. {@link #message()} parses the bytes with Jakarta Mail on each call.
 */
public final class DeliveredMail {

    private static final Session PARSING_SESSION = Session.getInstance(new Properties());

    private final byte[] raw;
    private final Envelope envelope;

    private DeliveredMail(byte[] raw, Envelope envelope) {
        this.raw = Objects.requireNonNull(raw, "raw").clone();
        this.envelope = envelope;
    }

    /**
     * A delivered message without envelope.
     *
     * @param rfc822 the message as RFC 5322 bytes (CRLF or LF line endings), copied
     * @return the delivered message
     */
    public static DeliveredMail of(byte[] rfc822) {
        return new DeliveredMail(rfc822, null);
    }

    /**
     * A delivered message with the envelope it was delivered with.
     *
     * @param rfc822   the message as RFC 5322 bytes, copied
     * @param envelope the envelope
     * @return the delivered message
     */
    public static DeliveredMail of(byte[] rfc822, Envelope envelope) {
        return new DeliveredMail(rfc822, Objects.requireNonNull(envelope, "envelope"));
    }

    /**
     * The message bytes, exactly as delivered.
     *
     * @return a copy of the bytes
     */
    public byte[] raw() {
        return raw.clone();
    }

    /**
     * The message, parsed.
     *
     * @return a new {@link MimeMessage} parsed from {@link #raw()}
     * @throws IllegalStateException if the bytes cannot be parsed
     */
    public MimeMessage message() {
        try {
            return new MimeMessage(PARSING_SESSION, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalStateException(
                    UNPARSABLE_DELIVERED_MAIL.message("a delivered message could not be parsed"), e);
        }
    }

    /**
     * The envelope, when the backend records one.
     *
     * @return the envelope, or empty
     */
    public Optional<Envelope> envelope() {
        return Optional.ofNullable(envelope);
    }

    @Override
    public String toString() {
        return "DeliveredMail[" + raw.length + " bytes" + (envelope != null ? ", with envelope" : "") + "]";
    }

    /**
     * Who a message was delivered to and from: the SMTP {@code MAIL FROM} and {@code RCPT TO}
     * addresses, or their equivalent for another transport. Addresses are bare addr-specs
     * ({@code ada@example.com}), without display names or angle brackets, in the order given.
     *
     * @param sender     the envelope sender
     * @param recipients the envelope recipients
     */
    public record Envelope(String sender, List<String> recipients) {

        /**
         * Creates an envelope.
         *
         * @param sender     the envelope sender
         * @param recipients the envelope recipients, copied
         */
        public Envelope {
            Objects.requireNonNull(sender, "sender");
            recipients = List.copyOf(recipients);
        }
    }
}

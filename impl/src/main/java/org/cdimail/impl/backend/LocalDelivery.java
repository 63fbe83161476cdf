package org.cdimail.impl.backend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.InternetAddress;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.Refusal;
import org.cdimail.impl.mime.Envelope;
import org.cdimail.impl.mime.MimeRenderer;

/**
 * The batch loop of the backends that keep, print or count messages instead of talking to a
 * server ({@code console}, {@code file}, {@code locmem}): one message at a time, every envelope
 * recipient accepted once the message is handed over. A message without recipients gets a
 * {@code NOT_SENT} receipt; an invalid address is thrown before anything of its message is
 * handed over, whatever fail-silently says; a {@link MailException} of one message stops the batch
 * (a {@link MailDeliveryException} with every receipt) unless fail-silently, which records it and
 * goes on.
 */
public final class LocalDelivery {

    /** Hands one message over; returns the Message-ID it was rendered with, or {@code null}. */
    @FunctionalInterface
    public interface Step {
        /**
         * Hands the message over.
         *
         * @param message  the message
         * @param envelope its envelope, already checked
         * @return the Message-ID it was rendered with, or {@code null}
         * @throws MailException if it could not be handed over
         */
        String handOver(EmailMessage message, Envelope envelope);
    }

    private LocalDelivery() {
    }

    /**
     * Delivers every message with {@code step}.
     *
     * @param messages     the batch
     * @param renderer     computes and checks each envelope
     * @param failSilently record failures and go on instead of throwing
     * @param step         hands one message over
     * @return one receipt per message
     */
    public static List<Receipt> each(List<EmailMessage> messages, MimeRenderer renderer, boolean failSilently,
            Step step) {
        List<Receipt> receipts = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            EmailMessage message = messages.get(i);
            if (message.recipients().isEmpty()) {
                receipts.add(noRecipients(i, message));
                continue;
            }
            Envelope envelope = renderer.envelope(message);
            List<String> recipients = addrSpecs(envelope);
            try {
                String messageId = step.handOver(message, envelope);
                receipts.add(Receipt.builder(i, message).messageId(messageId).accepted(recipients)
                        .sentAt(Instant.now()).build());
            } catch (MailException e) {
                receipts.add(failed(i, message, recipients, e.getMessage()));
                if (!failSilently) {
                    throw stopped(e, receipts, messages, i + 1);
                }
            }
        }
        return receipts;
    }

    /**
     * The receipt of a message without recipients.
     *
     * @param index   its index
     * @param message the message
     * @return a {@code NOT_SENT} receipt with no refusals
     */
    public static Receipt noRecipients(int index, EmailMessage message) {
        return Receipt.builder(index, message).failure("no recipients").build();
    }

    /**
     * The receipt of a message that could not be handed over: every recipient refused, temporarily.
     *
     * @param index      its index
     * @param message    the message
     * @param recipients its envelope recipients
     * @param failure    what failed, without addresses
     * @return a {@code NOT_SENT} receipt
     */
    public static Receipt failed(int index, EmailMessage message, List<String> recipients, String failure) {
        Receipt.Builder receipt = Receipt.builder(index, message).failure(failure);
        recipients.forEach(r -> receipt.refused(Refusal.byFailure(r, 0, true, "not handed over")));
        return receipt.build();
    }

    /**
     * The exception that ends a batch: the receipts so far and the rest not attempted.
     *
     * @param cause    the failure
     * @param receipts the receipts so far, the failed one last; completed in place
     * @param messages the batch
     * @param from     the index of the first message not attempted
     * @return the exception to throw
     */
    public static MailDeliveryException stopped(MailException cause, List<Receipt> receipts,
            List<EmailMessage> messages, int from) {
        for (int i = from; i < messages.size(); i++) {
            EmailMessage rest = messages.get(i);
            receipts.add(Receipt.notAttempted(i, rest, rest.recipients(), cause.getMessage()));
        }
        return new MailDeliveryException(cause.getMessage(), receipts, cause);
    }

    /**
     * The envelope recipients as addr-spec strings.
     *
     * @param envelope the envelope
     * @return the recipients, in order
     */
    public static List<String> addrSpecs(Envelope envelope) {
        return envelope.recipients().stream().map(InternetAddress::getAddress).toList();
    }
}

package org.cdimail.spi;

import static org.cdimail.ApiError.NOT_SENT_BY_BACKEND;
import static org.cdimail.ApiError.NO_SEND_METHOD;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.Refusal;

/**
 * The default {@link EmailBackend#deliver(List)} of a backend that implements only
 * {@link EmailBackend#sendMessages(List)}: one message per call, so that every receipt is exact
 * as far as the count and a {@link MailDeliveryException}'s lists tell.
 */
final class CoarseReceipts {

    /** Backends inside this default on the current thread: a backend implementing neither method would recurse. */
    private static final ThreadLocal<Set<EmailBackend>> ACTIVE =
            ThreadLocal.withInitial(() -> Collections.newSetFromMap(new IdentityHashMap<>()));

    private CoarseReceipts() {
    }

    static List<Receipt> deliver(EmailBackend backend, List<EmailMessage> messages) {
        Set<EmailBackend> active = ACTIVE.get();
        if (!active.add(backend)) {
            throw new IllegalStateException(NO_SEND_METHOD.message(backend.getClass().getName()
                    + " implements neither EmailBackend.deliver nor EmailBackend.sendMessages; implement one"));
        }
        try {
            return deliverEach(backend, messages);
        } finally {
            active.remove(backend);
        }
    }

    private static List<Receipt> deliverEach(EmailBackend backend, List<EmailMessage> messages) {
        List<Receipt> receipts = new ArrayList<>(messages.size());
        if (messages.isEmpty()) {
            return receipts;
        }
        boolean opened;
        try {
            opened = backend.open();
        } catch (MailException e) {
            throw stopped(e, receipts, messages, 0, null);
        }
        try {
            for (int i = 0; i < messages.size(); i++) {
                EmailMessage message = messages.get(i);
                if (message.recipients().isEmpty()) {
                    receipts.add(Receipt.builder(i, message).failure("no recipients").build());
                    continue;
                }
                Receipt.Builder receipt = Receipt.builder(i, message);
                try {
                    if (backend.sendMessages(List.of(message)) > 0) {
                        receipt.accepted(addrSpecs(message.recipients())).sentAt(Instant.now());
                    } else {
                        refuseAll(receipt, message,
                                NOT_SENT_BY_BACKEND.message("the backend did not send the message"));
                    }
                    receipts.add(receipt.build());
                } catch (MailDeliveryException e) {
                    receipt.accepted(e.sent());
                    e.unsent().forEach(r -> receipt.refused(Refusal.byFailure(r, 0, true, "not sent")));
                    e.invalid().forEach(r -> receipt.refused(Refusal.byFailure(r, 0, false, "refused")));
                    if (e.sent().isEmpty() && e.unsent().isEmpty() && e.invalid().isEmpty()) {
                        refuseAll(receipt, message, e.getMessage());
                    }
                    throw stopped(e, receipts, messages, i + 1, receipt.failure(e.getMessage()).build());
                } catch (MailException e) {
                    refuseAll(receipt, message, e.getMessage());
                    throw stopped(e, receipts, messages, i + 1, receipt.build());
                }
            }
            return receipts;
        } finally {
            if (opened) {
                backend.close();
            }
        }
    }

    /** The recipients as envelope addresses (no display name), as far as they parse; the rest as given. */
    private static List<String> addrSpecs(List<String> recipients) {
        List<String> bare = new ArrayList<>(recipients.size());
        for (String recipient : recipients) {
            try {
                bare.add(new InternetAddress(recipient, false).getAddress());
            } catch (AddressException e) {
                bare.add(recipient);
            }
        }
        return bare;
    }

    private static void refuseAll(Receipt.Builder receipt, EmailMessage message, String failure) {
        message.recipients().forEach(r -> receipt.refused(Refusal.byFailure(r, 0, true, "not sent")));
        receipt.failure(failure);
    }

    /** The exception that ends the batch: the receipts so far, the failed one, and the rest not attempted. */
    private static MailDeliveryException stopped(MailException cause, List<Receipt> receipts,
            List<EmailMessage> messages, int from, Receipt failed) {
        if (failed != null) {
            receipts.add(failed);
        }
        for (int i = from; i < messages.size(); i++) {
            receipts.add(Receipt.notAttempted(i, messages.get(i), messages.get(i).recipients(), cause.getMessage()));
        }
        return new MailDeliveryException(cause.getMessage(), receipts, cause);
    }
}

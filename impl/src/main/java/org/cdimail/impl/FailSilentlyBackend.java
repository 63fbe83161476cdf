package org.cdimail.impl;

import static org.cdimail.impl.ImplError.NOTHING_ATTEMPTED;

import java.util.ArrayList;
import java.util.List;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.impl.backend.LocalDelivery;
import org.cdimail.impl.backend.Stage;
import org.cdimail.spi.EmailBackend;

/**
 * Gives a custom backend, which cannot be told, the fail-silently behaviour of a connection
 * obtained with {@code failSilently(true)}: delivery failures ({@link MailException}) count 0,
 * while header and address errors still propagate.
 */
final class FailSilentlyBackend implements EmailBackend, Stage {

    private final EmailBackend delegate;

    FailSilentlyBackend(EmailBackend delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean open() {
        try {
            return delegate.open();
        } catch (MailException e) {
            return false;
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public int sendMessages(List<EmailMessage> messages) {
        return Receipt.sentCount(deliver(messages));
    }

    /**
     * Delivers through the backend; when it stops at a failure, the failure's receipt is kept and
     * the messages it did not attempt are given to it again, as fail-silently goes on with a batch.
     */
    @Override
    public List<Receipt> deliver(List<EmailMessage> messages) {
        List<Receipt> receipts = new ArrayList<>(messages.size());
        int from = 0;
        while (from < messages.size()) {
            List<EmailMessage> rest = messages.subList(from, messages.size());
            List<Receipt> got;
            try {
                got = delegate.deliver(rest);
            } catch (MailDeliveryException e) {
                got = e.receipts();
                if (got.isEmpty()) {
                    got = failedAll(rest, e);
                }
            } catch (MailException e) {
                got = failedAll(rest, e);
            }
            int taken = 0;
            for (Receipt receipt : got) {
                if (receipt.status() == Receipt.Status.NOT_ATTEMPTED) {
                    break;
                }
                receipts.add(reindexed(receipt, from));
                taken++;
            }
            if (taken == 0) {
                // The backend attempted nothing (it could not open): the rest fails alike.
                List<Receipt> failed = failedAll(rest, new MailException(
                        NOTHING_ATTEMPTED.message("the backend attempted nothing")));
                for (int i = 0; i < rest.size(); i++) {
                    receipts.add(reindexed(i < got.size() ? got.get(i) : failed.get(i), from));
                }
                break;
            }
            from += taken;
        }
        return receipts;
    }

    private static List<Receipt> failedAll(List<EmailMessage> messages, MailException e) {
        List<Receipt> failed = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            EmailMessage message = messages.get(i);
            failed.add(message.recipients().isEmpty() ? LocalDelivery.noRecipients(i, message)
                    : LocalDelivery.failed(i, message, message.recipients(), e.getMessage()));
        }
        return failed;
    }

    /** The receipt with its index in the whole batch. */
    private static Receipt reindexed(Receipt receipt, int offset) {
        if (offset == 0) {
            return receipt;
        }
        Receipt.Builder copy = Receipt.builder(receipt.index() + offset, receipt.message().orElse(null))
                .messageId(receipt.messageId().orElse(null)).attempted(receipt.status() != Receipt.Status.NOT_ATTEMPTED)
                .accepted(receipt.accepted()).replyCode(receipt.replyCode().orElse(0))
                .queueId(receipt.queueId().orElse(null)).sentAt(receipt.sentAt().orElse(null))
                .failure(receipt.failure().orElse(null));
        receipt.refused().forEach(copy::refused);
        return copy.build();
    }

    @Override
    public String toString() {
        return "FailSilently[" + delegate + "]";
    }

    @Override
    public EmailBackend inner() {
        return delegate;
    }
}

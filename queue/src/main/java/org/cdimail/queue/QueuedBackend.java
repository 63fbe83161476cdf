package org.cdimail.queue;

import java.util.ArrayList;
import java.util.List;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.Refusal;
import org.cdimail.spi.EmailBackend;

/**
 * A connection of a queued alias: {@link #deliver(List)} renders and enqueues the batch, and
 * returns once it is durably in the broker. Its receipts mean "queued": every recipient accepted
 * by the queue, the JMS message id as {@link Receipt#queueId()}. A message with a header that
 * could be injected, or an invalid address, throws before anything of the batch is queued. With
 * fail-silently, a broker failure gives receipts with every recipient refused temporarily instead
 * of an exception. Opening and closing do nothing: the queue's connection is shared.
 */
final class QueuedBackend implements EmailBackend {

    private final AliasQueue queue;
    private final boolean failSilently;

    QueuedBackend(AliasQueue queue, boolean failSilently) {
        this.queue = queue;
        this.failSilently = failSilently;
    }

    AliasQueue queue() {
        return queue;
    }

    @Override
    public List<Receipt> deliver(List<EmailMessage> messages) {
        try {
            return queue.enqueue(messages);
        } catch (MailException e) {
            if (!failSilently) {
                throw e;
            }
            List<Receipt> receipts = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                Receipt.Builder receipt = Receipt.builder(i, messages.get(i)).failure(e.getMessage());
                for (String recipient : messages.get(i).recipients()) {
                    receipt.refused(Refusal.byFailure(recipient, 0, true, "not queued"));
                }
                receipts.add(receipt.build());
            }
            return receipts;
        }
    }

    @Override
    public String toString() {
        return "QueuedBackend[" + queue + "]";
    }
}

package org.cdimail.impl.pipeline;

import static org.cdimail.impl.ImplError.MESSAGE_VETOED;
import static org.cdimail.impl.ImplError.NO_RECIPIENT_ALLOWED;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.Refusal;

/**
 * What the pipeline does with the messages of one call: which go to the backend (as observers and
 * governance left them, with the recipients governance dropped) and which were decided before
 * (vetoed, or no recipient left), and then the receipts in the caller's order: the backend's
 * receipts re-indexed to the caller's batch with the refusals by policy added, the decided ones
 * in their places. Not thread-safe: one per call.
 */
final class BatchPlan {

    private final List<EmailMessage> batch;
    private final Receipt[] decided;
    private final List<List<Refusal>> policy;
    private final int[] indexes;
    private final List<EmailMessage> delivered;
    private boolean changed;

    /** @param batch the caller's messages */
    BatchPlan(List<EmailMessage> batch) {
        this.batch = batch;
        this.decided = new Receipt[batch.size()];
        this.policy = new ArrayList<>(Collections.nCopies(batch.size(), List.of()));
        this.indexes = new int[batch.size()];
        this.delivered = new ArrayList<>(batch.size());
    }

    /**
     * The message at {@code index} goes to the backend.
     *
     * @param index    its index in the caller's batch
     * @param message  the message to give the backend
     * @param refusals the recipients governance dropped from it
     */
    void deliver(int index, EmailMessage message, List<Refusal> refusals) {
        indexes[delivered.size()] = index;
        delivered.add(message);
        policy.set(index, refusals);
        changed |= message != batch.get(index) || !refusals.isEmpty() || delivered.size() != index + 1;
    }

    /**
     * The message at {@code index} is not given to the backend.
     *
     * @param index   its index in the caller's batch
     * @param receipt its receipt, with that index
     */
    void decide(int index, Receipt receipt) {
        decided[index] = receipt;
        changed = true;
    }

    /** @return the messages for the backend, in the caller's order */
    List<EmailMessage> delivered() {
        return delivered;
    }

    /** @return whether the backend gets the caller's batch exactly as it was given */
    boolean unchanged() {
        return !changed;
    }

    /**
     * The receipts of the caller's batch.
     *
     * @param receipts the backend's, one per {@link #delivered()} message
     * @return one receipt per message of the caller's batch, in order
     */
    List<Receipt> merge(List<Receipt> receipts) {
        if (!changed && receipts.size() == batch.size()) {
            return receipts;
        }
        List<Receipt> merged = new ArrayList<>(batch.size());
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (decided[i] != null) {
                merged.add(decided[i]);
            } else if (next < receipts.size()) {
                merged.add(withPolicy(receipts.get(next++), i, policy.get(i)));
            } else {
                EmailMessage message = delivered.get(next++);
                merged.add(withPolicy(Receipt.notAttempted(i, message, message.recipients(), "no receipt"), i,
                        policy.get(i)));
            }
        }
        return merged;
    }

    /**
     * The receipts when the backend threw without receipts: every message given to it not sent.
     *
     * @param failure what the backend threw
     * @return one receipt per message of the caller's batch
     */
    List<Receipt> notSent(MailException failure) {
        List<Receipt> receipts = new ArrayList<>(delivered.size());
        for (int i = 0; i < delivered.size(); i++) {
            EmailMessage message = delivered.get(i);
            Receipt.Builder receipt = Receipt.builder(i, message).failure(failure.getMessage());
            message.recipients().forEach(r -> receipt.refused(Refusal.byFailure(RecipientPolicy.address(r), 0, true,
                    "not sent")));
            receipts.add(receipt.build());
        }
        return merge(receipts);
    }

    /**
     * The exception that stops the batch before anything of it is given to the backend: the
     * message at {@code index} has {@code receipt}, the others before it keep a decided receipt or
     * are not attempted, and so are those after it.
     *
     * @param index   the message that stops the batch
     * @param receipt its receipt
     * @param reason  why, without addresses, with its id
     * @return the exception to throw
     */
    MailDeliveryException stopped(int index, Receipt receipt, String reason) {
        List<Receipt> receipts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (i == index) {
                receipts.add(receipt);
            } else if (i < index && decided[i] != null) {
                receipts.add(decided[i]);
            } else {
                receipts.add(Receipt.notAttempted(i, batch.get(i), batch.get(i).recipients(), reason));
            }
        }
        return new MailDeliveryException(reason, receipts, null);
    }

    /**
     * The receipt of a vetoed message: every recipient refused by policy with the veto's reason.
     *
     * @param index   its index in the caller's batch
     * @param message the message as the observers left it
     * @param reason  the veto's reason
     * @return a {@code NOT_SENT} receipt
     */
    static Receipt vetoed(int index, EmailMessage message, String reason) {
        Receipt.Builder receipt = Receipt.builder(index, message).failure(MESSAGE_VETOED.message(reason));
        message.recipients().forEach(r -> receipt.refused(Refusal.byPolicy(RecipientPolicy.address(r), reason)));
        return receipt.build();
    }

    /**
     * The receipt of a message not sent by recipient governance.
     *
     * @param index    its index in the caller's batch
     * @param message  the message as governance left it
     * @param refusals the recipients it dropped
     * @param kept     the recipients it kept but did not send to ({@code disallowed-recipients=fail}), with
     *                 {@code failure} as the reason
     * @param failure  the receipt's failure, with its id
     * @return a {@code NOT_SENT} receipt
     */
    static Receipt governed(int index, EmailMessage message, List<Refusal> refusals, List<String> kept,
            String failure) {
        Receipt.Builder receipt = Receipt.builder(index, message).failure(failure);
        refusals.forEach(receipt::refused);
        kept.forEach(r -> receipt.refused(Refusal.byPolicy(RecipientPolicy.address(r), "disallowed-recipients=fail")));
        return receipt.build();
    }

    /** @return the failure of a message left without recipients by {@code allowed-recipients} */
    static String noneAllowed() {
        return NO_RECIPIENT_ALLOWED.message("no recipient of the message is in allowed-recipients");
    }

    /** The receipt with the caller's index and the refusals by policy added. */
    private static Receipt withPolicy(Receipt receipt, int index, List<Refusal> refusals) {
        if (receipt.index() == index && refusals.isEmpty()) {
            return receipt;
        }
        Receipt.Builder copy = Receipt.builder(index, receipt.message().orElse(null))
                .messageId(receipt.messageId().orElse(null)).attempted(receipt.status() != Receipt.Status.NOT_ATTEMPTED)
                .accepted(receipt.accepted()).replyCode(receipt.replyCode().orElse(0))
                .queueId(receipt.queueId().orElse(null)).sentAt(receipt.sentAt().orElse(null))
                .failure(receipt.failure().orElse(null));
        receipt.refused().forEach(copy::refused);
        refusals.forEach(copy::refused);
        return copy.build();
    }

    @Override
    public String toString() {
        return "BatchPlan[" + batch.size() + " messages, " + delivered.size() + " delivered, " + Arrays.stream(decided)
                .filter(r -> r != null).count() + " decided]";
    }
}

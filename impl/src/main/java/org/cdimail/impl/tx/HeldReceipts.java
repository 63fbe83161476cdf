package org.cdimail.impl.tx;

import static org.cdimail.impl.ImplError.HELD_UNTIL_COMMIT;
import static org.cdimail.impl.ImplError.TRANSACTION_ROLLED_BACK;

import java.util.ArrayList;
import java.util.List;

import org.cdimail.EmailMessage;
import org.cdimail.Receipt;
import org.cdimail.impl.backend.LocalDelivery;

/**
 * The receipts of messages that a transaction keeps from being sent now: {@code NOT_ATTEMPTED},
 * with no recipient accepted or refused, and a failure saying why ({@code HELD_UNTIL_COMMIT} or
 * {@code TRANSACTION_ROLLED_BACK}). A message without recipients gets its usual {@code NOT_SENT}
 * receipt.
 */
public final class HeldReceipts {

    private HeldReceipts() {
    }

    /**
     * The receipt of a message held until its transaction commits.
     *
     * @param index   its index in the batch
     * @param message the message
     * @return the receipt
     */
    static Receipt held(int index, EmailMessage message) {
        return Receipt.builder(index, message).attempted(false)
                .failure(HELD_UNTIL_COMMIT.message("held until the JTA transaction commits")).build();
    }

    /**
     * Whether a receipt is one of {@link #held}.
     *
     * @param receipt a receipt
     * @return {@code true} if its message is held until the commit
     */
    public static boolean isHeld(Receipt receipt) {
        return receipt.status() == Receipt.Status.NOT_ATTEMPTED
                && receipt.failure().filter(f -> f.startsWith(HELD_UNTIL_COMMIT.id())).isPresent();
    }

    /**
     * The receipts of messages dropped because their transaction rolled back (or will).
     *
     * @param messages the batch
     * @return a receipt per message
     */
    public static List<Receipt> rolledBack(List<EmailMessage> messages) {
        return dropped(messages, TRANSACTION_ROLLED_BACK.message("not sent: the JTA transaction rolled back"));
    }

    /**
     * The receipts of messages not sent for {@code reason}.
     *
     * @param messages the batch
     * @param reason   why, starting with its id
     * @return a receipt per message
     */
    static List<Receipt> dropped(List<EmailMessage> messages, String reason) {
        List<Receipt> receipts = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            EmailMessage message = messages.get(i);
            receipts.add(message.recipients().isEmpty() ? LocalDelivery.noRecipients(i, message)
                    : Receipt.builder(i, message).attempted(false).failure(reason).build());
        }
        return receipts;
    }
}

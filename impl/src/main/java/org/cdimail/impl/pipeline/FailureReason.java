package org.cdimail.impl.pipeline;

import java.util.Optional;

import org.cdimail.Receipt;
import org.cdimail.Refusal;

/**
 * Reads from a receipt what {@code SendFailed} says of it: whether anything failed (a refusal
 * other than by policy), the reason id and whether every failure was temporary.
 */
final class FailureReason {

    private FailureReason() {
    }

    /**
     * Whether a server or a failure on the way kept the message from a recipient. Refusals by
     * policy (a veto, {@code allowed-recipients}) are no failure, nor is a message without
     * recipients.
     *
     * @param receipt a receipt
     * @return {@code true} if {@code SendFailed} is due
     */
    static boolean failed(Receipt receipt) {
        for (Refusal refusal : receipt.refused()) {
            if (!refusal.policy()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The reason id: the reply of the first refusal other than by policy ({@code "550 5.1.1"},
     * {@code "421"}), or, when it has none, the id that starts the receipt's failure
     * ({@code "CDIMAIL-00302"}), or the failure or the refusal's reason as they are.
     *
     * @param receipt a receipt for which {@link #failed} holds
     * @return the reason, never blank
     */
    static String reason(Receipt receipt) {
        Optional<Refusal> first = receipt.refused().stream().filter(r -> !r.policy()).findFirst();
        if (first.isPresent() && first.get().code().isPresent()) {
            Refusal refusal = first.get();
            return refusal.code().getAsInt() + refusal.enhancedCode().map(e -> " " + e).orElse("");
        }
        Optional<String> failure = receipt.failure().filter(f -> !f.isBlank());
        if (failure.isPresent()) {
            String text = failure.get();
            int colon = text.indexOf(':');
            String id = colon > 0 ? text.substring(0, colon) : text;
            return id.indexOf(' ') < 0 ? id : text;
        }
        return first.flatMap(Refusal::reason).filter(r -> !r.isBlank()).orElse("not delivered");
    }

    /**
     * Whether every refusal other than by policy is temporary, so that trying again may deliver.
     *
     * @param receipt a receipt
     * @return {@code true} if every failure was temporary
     */
    static boolean temporary(Receipt receipt) {
        boolean any = false;
        for (Refusal refusal : receipt.refused()) {
            if (!refusal.policy()) {
                if (!refusal.temporary()) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }
}

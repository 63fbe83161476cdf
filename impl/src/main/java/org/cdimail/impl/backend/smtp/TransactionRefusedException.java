package org.cdimail.impl.backend.smtp;

import static org.cdimail.impl.ImplError.TRANSACTION_REFUSED;

import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;

/**
 * A transaction the server refused in whole or in part on a connection that is still usable:
 * Jakarta Mail's sent / unsent / invalid addresses, and the {@link TransactionOutcome} with every
 * recipient's reply. Its message names the reply code and the command, never the server's text.
 */
final class TransactionRefusedException extends SendFailedException {
    private static final long serialVersionUID = 1L;
    private final transient TransactionOutcome outcome;

    TransactionRefusedException(String command, int code, TransactionOutcome outcome, List<InternetAddress> sent,
            List<InternetAddress> unsent, List<InternetAddress> invalid) {
        super(TRANSACTION_REFUSED.message("the SMTP server answered " + code + " to "
                + command), new RefusedException(command, code),
                addresses(sent), addresses(unsent), addresses(invalid));
        this.outcome = outcome;
    }

    /** Every recipient's outcome. */
    TransactionOutcome outcome() {
        return outcome;
    }

    private static Address[] addresses(List<InternetAddress> list) {
        return list.isEmpty() ? null : list.toArray(Address[]::new);
    }

    /** A refusal by the server, with its reply code (never its text, which can echo an address). */
    static final class RefusedException extends MessagingException {
        private static final long serialVersionUID = 1L;
        private final int code;

        RefusedException(String command, int code) {
            super(TRANSACTION_REFUSED.message("the SMTP server answered " + code + " to " + command));
            this.code = code;
        }

        int code() {
            return code;
        }
    }
}

package org.cdimail.impl.backend.smtp;

import static org.cdimail.impl.ImplError.CANNOT_CONNECT;
import static org.cdimail.impl.ImplError.RECIPIENTS_REFUSED;
import static org.cdimail.impl.ImplError.SEND_FAILED;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;

import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;

/**
 * Turns Jakarta Mail's exceptions into cdi-mail's, keeping addresses out of every message. A
 * server's reply text can echo an address, so only low-level causes (sockets, TLS) are chained.
 */
final class SmtpFailures {

    private SmtpFailures() {
    }

    static MailException connectFailed(String alias, MessagingException e) {
        return new MailException(CANNOT_CONNECT.message("cannot connect to the SMTP server of alias '" + alias + "'"
                + describe(e)), lowLevelCause(e));
    }

    static MailException sendFailed(String alias, MessagingException e, int messagesSent) {
        // Jakarta Mail also reports a lost connection or a 4xx/5xx to MAIL FROM, DATA or the final dot as a
        // SendFailedException; it is a refusal of recipients only when it names refused or accepted ones.
        if (e instanceof SendFailedException refused
                && (count(refused.getInvalidAddresses()) > 0 || count(refused.getValidSentAddresses()) > 0)) {
            return new MailDeliveryException(RECIPIENTS_REFUSED.message("the SMTP server of alias '" + alias
                    + "' refused " + count(refused.getInvalidAddresses()) + " recipient(s) of a message; "
                    + count(refused.getValidSentAddresses()) + " accepted it (see sent(), unsent(), invalid())"),
                    addresses(refused.getValidSentAddresses()), addresses(refused.getValidUnsentAddresses()),
                    addresses(refused.getInvalidAddresses()),
                    messagesSent + (count(refused.getValidSentAddresses()) > 0 ? 1 : 0), lowLevelCause(e));
        }
        return new MailException(SEND_FAILED.message("sending through the SMTP server of alias '" + alias + "' failed"
                + describe(e)), lowLevelCause(e));
    }

    /**
     * The message of {@link #sendFailed} alone, for a receipt or a {@link MailDeliveryException}
     * built from receipts: an id, the alias, reply codes and counts, never an address or server text.
     */
    static String describeFailure(String alias, MessagingException e) {
        return sendFailed(alias, e, 0).getMessage();
    }

    private static String describe(MessagingException e) {
        // cdi-mail's own SMTP client words its failures itself, with reply codes but never reply texts.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("CDIMAIL-")) {
                return " (" + t.getMessage() + ")";
            }
        }
        Throwable cause = lowLevelCause(e);
        return cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")";
    }

    /** The first socket or TLS failure in the chain: its message names hosts, never mailboxes. */
    static Throwable lowLevelCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return t;
            }
        }
        return null;
    }

    private static int count(Address[] addresses) {
        return addresses == null ? 0 : addresses.length;
    }

    private static List<String> addresses(Address[] addresses) {
        if (addresses == null) {
            return List.of();
        }
        return Arrays.stream(addresses)
                .map(a -> a instanceof InternetAddress ia ? ia.getAddress() : a.toString())
                .toList();
    }
}

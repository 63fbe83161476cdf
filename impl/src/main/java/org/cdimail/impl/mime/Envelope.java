package org.cdimail.impl.mime;

import java.util.List;
import java.util.Objects;

import jakarta.mail.internet.InternetAddress;

/**
 * The SMTP envelope of a message: the {@code MAIL FROM} sender and the {@code RCPT TO} recipients,
 * each an addr-spec only (no display name) with an IDNA (ASCII) domain. Local parts are ASCII
 * unless built with {@code MimeRenderer.envelope(message, true)} for a server that may offer
 * {@code SMTPUTF8}. Header overrides never change it.
 *
 * @param sender     the message's {@code from}, or the configured default sender
 * @param recipients the message's {@code recipients()}: to, cc, then bcc
 */
public record Envelope(InternetAddress sender, List<InternetAddress> recipients) {

    /** Copies the recipient list. */
    public Envelope {
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
    }

    /**
     * Whether an address has a local part beyond ASCII, which only a transaction with
     * {@code SMTPUTF8} (RFC 6531) can carry.
     *
     * @return {@code true} if the sender or a recipient is not all ASCII
     */
    public boolean needsSmtpUtf8() {
        return !ascii(sender) || !recipients.stream().allMatch(Envelope::ascii);
    }

    private static boolean ascii(InternetAddress address) {
        return address.getAddress().chars().allMatch(c -> c < 0x80);
    }
}

package org.cdimail.impl.mime;

import java.util.List;
import java.util.Objects;

import jakarta.mail.internet.InternetAddress;

/**
 * The SMTP envelope of a message: the {@code MAIL FROM} sender and the {@code RCPT TO} recipients,
 * each an addr-spec only (no display name) with an IDNA (ASCII) domain. Header overrides never
 * change it.
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
}

package org.cdimail.spi;

import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope of a message as cdi-mail computes it for every backend: the {@code MAIL FROM}
 * sender (the message's {@code from}, or the alias's {@code mail.default-from}) and the
 * {@code RCPT TO} recipients (to, cc, then bcc), each an addr-spec without display name whose
 * domain is in ASCII (IDNA). Header overrides never change it.
 *
 * @param sender     the sender's addr-spec
 * @param recipients the recipients' addr-specs, in order
 */
public record Envelope(String sender, List<String> recipients) {

    /** Copies the recipients. */
    public Envelope {
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
    }
}

package org.cdimail.impl.mime;

import jakarta.mail.internet.MimeMessage;

/**
 * The {@code sign} stage of the pipeline: turns a rendered message into the message that leaves,
 * with signature header fields added (DKIM, see {@code org.cdimail.impl.dkim}). A
 * {@link MimeRenderer} applies its signer to every message it renders, so the SMTP wire, the
 * {@code file} and {@code console} backends, a custom backend's {@code renderer()} and a queue
 * storing rendered bytes all carry the same signed bytes. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface MessageSigner {

    /** Adds nothing: the rendered message leaves as it is. */
    MessageSigner NONE = rendered -> rendered;

    /**
     * The message to write instead of {@code rendered}: the same bytes, with header fields added
     * before them.
     *
     * @param rendered a rendered message whose changes are saved
     * @return the message to write; {@code rendered} itself when nothing is added
     * @throws java.io.UncheckedIOException if an attached file cannot be read
     * @throws IllegalArgumentException     if the message must not be signed as it is (its message
     *                                      says why, never quoting an address)
     */
    MimeMessage sign(MimeMessage rendered);
}

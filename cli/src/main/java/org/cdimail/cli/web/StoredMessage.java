package org.cdimail.cli.web;

import java.time.Instant;
import java.util.List;

/**
 * One received message as the viewer lists it: what the list shows, and where its bytes are.
 *
 * @param id             the message's number in this server run, as the terminal prints it
 * @param received       when the server received it
 * @param envelopeFrom   the {@code MAIL FROM} address, empty for a null sender
 * @param envelopeTo     the {@code RCPT TO} addresses
 * @param summary        the decoded headers the list shows
 * @param size           the size of the message in bytes, as received
 * @param source         where its bytes are
 */
record StoredMessage(long id, Instant received, String envelopeFrom, List<String> envelopeTo,
        MessageSummary summary, long size, RawSource source) {

    /** Copies the lists, which are immutable from then on. */
    StoredMessage {
        envelopeTo = List.copyOf(envelopeTo);
    }
}

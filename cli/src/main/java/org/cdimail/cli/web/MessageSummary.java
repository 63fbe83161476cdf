package org.cdimail.cli.web;

import java.util.List;
import java.util.Locale;

/**
 * The headers of a message that the list shows and that a search looks at, decoded.
 *
 * @param from           the {@code From} addresses
 * @param to             the {@code To} addresses
 * @param cc             the {@code Cc} addresses
 * @param subject        the subject, empty when there is none
 * @param attachments    how many parts are attachments (not bodies, not inline images)
 */
record MessageSummary(List<Mailbox> from, List<Mailbox> to, List<Mailbox> cc, String subject, int attachments) {

    /** Copies the lists, which are immutable from then on. */
    MessageSummary {
        from = List.copyOf(from);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
    }

    /**
     * Whether a lowercase term occurs in the subject or in an address or display name.
     *
     * @param term a term, already in lowercase
     * @return {@code true} if it occurs
     */
    boolean mentions(String term) {
        if (subject.toLowerCase(Locale.ROOT).contains(term)) {
            return true;
        }
        for (List<Mailbox> list : List.of(from, to, cc)) {
            for (Mailbox box : list) {
                if (box.name().toLowerCase(Locale.ROOT).contains(term) || box.address().toLowerCase(Locale.ROOT).contains(term)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * One address of a header.
     *
     * @param name    the display name, decoded; empty when there is none
     * @param address the address, or the header's text when it does not parse as addresses
     */
    record Mailbox(String name, String address) {
    }
}

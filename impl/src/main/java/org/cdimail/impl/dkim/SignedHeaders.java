package org.cdimail.impl.dkim;

import static org.cdimail.impl.ImplError.DKIM_NO_FROM;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which header fields a signature covers ({@code h=}). Every field named in {@link #NAMES} that is
 * present is signed, every instance of it, from the last to the first (RFC 6376 5.4.2).
 * {@code From} is also <em>over-signed</em>: named once more than it occurs, so that a
 * {@code From} added on the way breaks the signature instead of being shown unsigned. Trace
 * fields and {@code DKIM-Signature} itself are never signed.
 *
 * @param names  the {@code h=} list, lowercase, in order
 * @param fields the fields those names select, in the same order; over-signed names select none
 */
record SignedHeaders(List<String> names, List<String> fields) {

    /** The fields signed when present, in this order. */
    static final List<String> NAMES = List.of("from", "sender", "reply-to", "subject", "date", "to", "cc",
            "message-id", "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding",
            "content-disposition", "content-id", "list-id", "list-unsubscribe", "list-unsubscribe-post");

    private static final String FROM = "from";

    /**
     * Selects the fields of a message.
     *
     * @param all the message's header fields, in order, as {@link RenderedParts#fields()} gives them
     * @return the selection
     * @throws IllegalArgumentException if the message has no {@code From} field
     */
    static SignedHeaders of(List<String> all) {
        List<String> names = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (String name : NAMES) {
            for (int i = all.size() - 1; i >= 0; i--) {
                if (name.equals(nameOf(all.get(i)))) {
                    names.add(name);
                    fields.add(all.get(i));
                }
            }
            if (name.equals(FROM)) {
                if (names.isEmpty()) {
                    throw new IllegalArgumentException(DKIM_NO_FROM.message("a message without a From header cannot be"
                            + " signed with DKIM"));
                }
                names.add(FROM); // over-signed: no such instance, so no field is hashed for it
            }
        }
        return new SignedHeaders(List.copyOf(names), List.copyOf(fields));
    }

    /**
     * A field's name, lowercase.
     *
     * @param field a whole field
     * @return the text before its colon, without trailing white space, lowercase
     */
    static String nameOf(String field) {
        int colon = field.indexOf(':');
        return colon < 0 ? "" : field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    }
}

package org.cdimail.impl.dkim;

import java.io.OutputStream;
import java.util.Locale;

/**
 * The two canonicalization algorithms of RFC 6376 section 3.4, for header fields and (through
 * {@link BodyCanonicalizer}) for the body.
 */
public enum Canonicalization {

    /** {@code simple}: header fields unchanged; the body without its trailing empty lines. */
    SIMPLE,
    /**
     * {@code relaxed}: names lowercased, values unfolded with white space runs reduced to one
     * space and trimmed; in the body, white space at line ends ignored and runs reduced to one
     * space, and trailing empty lines ignored.
     */
    RELAXED;

    /**
     * The {@code c=} token of this algorithm.
     *
     * @return {@code simple} or {@code relaxed}
     */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a token.
     *
     * @param token {@code simple} or {@code relaxed}, in any case
     * @return the algorithm
     * @throws IllegalArgumentException for anything else (not quoting it)
     */
    public static Canonicalization of(String token) {
        return switch (token.strip().toLowerCase(Locale.ROOT)) {
            case "simple" -> SIMPLE;
            case "relaxed" -> RELAXED;
            default -> throw new IllegalArgumentException("not simple or relaxed");
        };
    }

    /**
     * One header field in canonical form, ended by CRLF (RFC 6376 3.4.1 and 3.4.2).
     *
     * @param field the field as written: name, colon, value, with its folds (CRLF followed by
     *              space or tab), without the final CRLF
     * @return the canonical field, ending with CRLF
     */
    public String header(String field) {
        if (this == SIMPLE) {
            return field + "\r\n";
        }
        int colon = field.indexOf(':');
        String name = stripWsp(field.substring(0, colon)).toLowerCase(Locale.ROOT);
        String value = field.substring(colon + 1).replace("\r\n", "");
        return name + ":" + stripWsp(value.replaceAll("[ \t]+", " ")) + "\r\n";
    }

    /**
     * A stream that writes the canonical form of the body written to it to {@code out}; the
     * body is complete after {@link BodyCanonicalizer#finish()}.
     *
     * @param out where the canonical body goes (a digest's stream)
     * @return the canonicalizing stream
     */
    public BodyCanonicalizer body(OutputStream out) {
        return new BodyCanonicalizer(out, this == RELAXED);
    }

    private static String stripWsp(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isWsp(text.charAt(start))) {
            start++;
        }
        while (end > start && isWsp(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isWsp(char c) {
        return c == ' ' || c == '\t';
    }
}

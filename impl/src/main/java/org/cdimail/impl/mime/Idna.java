package org.cdimail.impl.mime;

import java.net.IDN;
import java.util.Locale;

/**
 * Domain names to ASCII per UTS #46 <em>nontransitional</em> processing, as browsers and Python's
 * {@code idna} package do, for domains in headers, the envelope and {@code Message-ID}. Only labels
 * that contain non-ASCII characters are converted, so labels already in ASCII, such as pre-encoded
 * {@code xn--} labels, are kept exactly as given.
 *
 * <p>A label is mapped by {@code java.net.IDN} ({@code ALLOW_UNASSIGNED}: nameprep's case folding and
 * NFKC, which UTS #46 took over), except for the four deviation characters, which UTS #46
 * nontransitional processing keeps where IDNA2003 maps or drops them: {@code ß} (and capital
 * {@code ẞ}, which maps to it), final sigma {@code ς}, ZERO WIDTH JOINER and NON-JOINER. A label
 * holding one is mapped run by run around them and written with {@link Punycode}: {@code straße.de}
 * is {@code xn--strae-oqa.de}, the domain its owner registered, not {@code strasse.de}. Symbols
 * such as {@code i❤.ws} or {@code exampl€.com} are accepted, as UTS #46 and Django do.
 */
final class Idna {

    private Idna() {
    }

    /**
     * The ASCII form of {@code domain}; a domain literal such as {@code [192.0.2.1]} is kept, once
     * checked to be printable ASCII without white space, brackets or backslash inside.
     *
     * @throws IllegalArgumentException without the domain in its message, if a label is empty or
     *                                  not a valid host name label, or a domain literal holds
     *                                  anything but printable ASCII
     */
    static String toAscii(String domain) {
        if (domain.startsWith("[") && domain.endsWith("]")) {
            // RFC 5321 4.1.3: an address literal is printable ASCII; no brackets, backslash or white space inside.
            for (int i = 1; i < domain.length() - 1; i++) {
                char c = domain.charAt(i);
                if (c <= 0x20 || c >= 0x7f || c == '[' || c == ']' || c == '\\') {
                    throw new IllegalArgumentException("the domain literal has a character not allowed in it");
                }
            }
            return domain;
        }
        String[] labels = domain.split("\\.", -1);
        StringBuilder ascii = new StringBuilder(domain.length() + 8);
        for (int i = 0; i < labels.length; i++) {
            if (i > 0) {
                ascii.append('.');
            }
            ascii.append(asciiLabel(labels[i]));
        }
        return ascii.toString();
    }

    private static String asciiLabel(String label) {
        String ascii = label;
        if (!label.chars().allMatch(c -> c < 128)) {
            ascii = nonAsciiLabel(label.replace('\u1E9E', '\u00DF'));
        }
        if (ascii.isEmpty()) {
            throw new IllegalArgumentException("the domain has an empty label");
        }
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
                throw new IllegalArgumentException("the domain has a character not allowed in a host name");
            }
        }
        return ascii;
    }

    private static String nonAsciiLabel(String label) {
        if (label.chars().noneMatch(Idna::isDeviation)) {
            return IDN.toASCII(label, IDN.ALLOW_UNASSIGNED);
        }
        StringBuilder mapped = new StringBuilder(label.length());
        int start = 0;
        for (int i = 0; i <= label.length(); i++) {
            if (i == label.length() || isDeviation(label.charAt(i))) {
                if (i > start) {
                    // IDN leaves an all-ASCII run as it is: its letters are lower-cased here.
                    mapped.append(IDN.toUnicode(IDN.toASCII(label.substring(start, i), IDN.ALLOW_UNASSIGNED),
                            IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
                }
                if (i < label.length()) {
                    mapped.append(label.charAt(i));
                }
                start = i + 1;
            }
        }
        String ascii = "xn--" + Punycode.encode(mapped.toString());
        if (ascii.length() > 63) {
            throw new IllegalArgumentException("the domain has a label longer than 63 octets");
        }
        return ascii;
    }

    private static boolean isDeviation(int c) {
        return c == '\u00DF' || c == '\u03C2' || c == '\u200C' || c == '\u200D';
    }
}

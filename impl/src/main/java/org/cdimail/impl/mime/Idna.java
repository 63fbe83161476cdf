package org.cdimail.impl.mime;

import java.net.IDN;

/**
 * IDNA (RFC 3490) for domains in headers, the envelope and {@code Message-ID}. Only labels that
 * contain non-ASCII characters are converted, so labels already in ASCII, such as pre-encoded IDNA
 * 2008 {@code xn--} labels, are kept exactly as given.
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
            ascii = IDN.toASCII(label, IDN.ALLOW_UNASSIGNED);
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
}

package org.cdimail;

import java.util.Collection;

/**
 * The header-injection rules, applied when a message is built. Stricter than Django: header
 * names are checked against RFC 5322, and every Unicode line terminator counts, not only CR and
 * LF (Django 3.2 silently folds U+2028 and U+0085, and lets a newline through in Bcc).
 */
final class HeaderRules {

    private HeaderRules() {
    }

    /**
     * Whether {@code c} ends a line for any consumer that might read the value: CR, LF, VT, FF,
     * the file/group/record separators that Python's {@code splitlines} honours, NEL (U+0085),
     * LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029). NUL is refused too: SMTP forbids
     * it and some servers truncate at it.
     */
    static boolean isLineBreak(char c) {
        return switch (c) {
            case '\r', '\n', '\u000B', '\u000C', '\u001C', '\u001D', '\u001E', '\u0085', '\u2028', '\u2029', '\0' -> true;
            default -> false;
        };
    }

    static String checkValue(String header, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            if (isLineBreak(value.charAt(i))) {
                throw new BadHeaderException(header, "values must not contain line breaks");
            }
        }
        return value;
    }

    /**
     * Like {@link #checkValue}, and refuses every other control character too (C0, DEL, C1,
     * TAB included): for values that are encoded on the wire and decoded by the recipient, such
     * as a file name, where a decoded control is never wanted.
     */
    static String checkNoControls(String header, String value) {
        checkValue(header, value);
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                if (Character.getType(value.charAt(i)) == Character.CONTROL) {
                    throw new BadHeaderException(header, "values must not contain control characters");
                }
            }
        }
        return value;
    }

    /**
     * A content id as given to {@code inline}: non-blank printable US-ASCII without white space
     * or angle brackets, since it is written as {@code <id>} in a structured header, where encoded
     * words are not allowed (RFC 2045 section 7, RFC 5322 section 3.6.4).
     */
    static String checkContentId(String id) {
        if (id == null) {
            return null;
        }
        checkValue("Content-ID", id);
        if (id.length() >= 2 && id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1); // "<logo>", as users copy it from a Content-ID header
        }
        if (id.isEmpty() || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '<' && c != '>')) {
            throw new BadHeaderException("Content-ID",
                    "a content id must be non-blank printable US-ASCII, without white space or angle brackets");
        }
        return id;
    }

    static void checkValues(String header, Collection<String> values) {
        for (String value : values) {
            checkValue(header, value);
        }
    }

    /** RFC 5322 section 2.2: a field name is one or more printable US-ASCII characters except colon. */
    static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new BadHeaderException("(empty)", "a header name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                // The name itself may be the injection vector; describe it without echoing it.
                throw new BadHeaderException(printable(name), "a header name must be printable US-ASCII without ':' (RFC 5322)");
            }
        }
        return name;
    }

    /**
     * A safe rendering of a bad header name for an error message: only printable ASCII kept, and
     * no {@code @}, since a refused name may well be an address pasted in the wrong place.
     */
    private static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length() && sb.length() < 40; i++) {
            char c = name.charAt(i);
            sb.append(c >= 33 && c <= 126 && c != ':' && c != '@' ? c : '?');
        }
        return sb.toString();
    }
}

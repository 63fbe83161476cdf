package org.cdimail.impl.mime;

import static org.cdimail.impl.ImplError.CHARSET_NOT_SUPPORTED;

import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.mail.internet.HeaderTokenizer;
import jakarta.mail.internet.MimeUtility;

import org.cdimail.BadHeaderException;

/** Formats unstructured header values and MIME parameters: ASCII, folded, RFC 2047 / RFC 2231 where needed. */
final class HeaderValues {

    private static final String ATTRIBUTE_CHARS = "!#$&+-.^_`|~";
    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";
    /** The longest encoded value in one RFC 2231 section, so that a folded line stays under 78 characters. */
    private static final int CONTINUATION_LENGTH = 60;

    private HeaderValues() {
    }

    /** The MIME name of a charset, lower case as Django writes it ({@code utf-8}). */
    static String mimeName(Charset charset) {
        return MimeUtility.mimeCharset(charset.name()).toLowerCase(Locale.ROOT);
    }

    /** {@code charset} if it can encode {@code text}, else UTF-8. */
    static Charset usable(Charset charset, String text) {
        // UTF-8 (the default) encodes everything: no encoder needed for every header of every message.
        return charset.equals(StandardCharsets.UTF_8) || charset.newEncoder().canEncode(text) ? charset
                : StandardCharsets.UTF_8;
    }

    /** An unstructured value (Subject, Comments, an extra header): encoded words when not ASCII, then folded. */
    static String unstructured(String name, String value, Charset charset) {
        try {
            String encoded = MimeUtility.encodeText(value, mimeName(usable(charset, value)), null);
            return MimeUtility.fold(name.length() + 2, encoded);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(CHARSET_NOT_SUPPORTED.message("charset not supported for header '" + name
                    + "'"), e);
        }
    }

    /** A parameter value, quoted when it is not a MIME token. */
    static String quote(String value) {
        return MimeUtility.quote(value, HeaderTokenizer.MIME);
    }

    /**
     * A file name parameter, {@code filename} or {@code name}. Printable ASCII names are quoted
     * as needed; other names use RFC 2231 ({@code filename*=utf-8''...}), or for {@code name=}
     * (which Outlook reads) an RFC 2047 encoded word in a quoted string.
     *
     * @throws BadHeaderException naming {@code attachment filename} if the name holds a control
     *                            character or line break, which the recipient would decode
     */
    static String fileNameParameter(String parameter, String fileName) {
        if (!decodesSafely(fileName)) {
            throw new BadHeaderException("attachment filename", "a file name must not contain control characters");
        }
        if (printableAscii(fileName)) {
            return parameter + "=" + quote(fileName);
        }
        if (parameter.equals("name")) {
            try {
                // Encoded as a word in a phrase: '"' and '\\' encoded too, so they cannot end the quoted string.
                return parameter + "=\"" + MimeUtility.encodeWord(fileName, "utf-8", null) + "\"";
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(CHARSET_NOT_SUPPORTED.message("UTF-8 not supported"), e);
            }
        }
        return extendedParameter(parameter, fileName);
    }

    /**
     * A parameter of a given MIME type, {@code name=value}: quoted as needed when the value is
     * printable ASCII, else RFC 2231 encoded in UTF-8. Values decoded from RFC 2231 by the parser
     * arrive here decoded, so they are checked as well.
     *
     * @throws BadHeaderException naming {@code Content-Type} if the name is not a MIME token or the
     *                            value holds a control character or line break
     */
    static String typeParameter(String name, String value) {
        if (!isToken(name)) {
            throw new BadHeaderException("Content-Type", "a parameter name must be a MIME token (RFC 2045)");
        }
        if (value == null) { // an RFC 2231 value whose charset or bytes Jakarta Mail could not decode
            throw new BadHeaderException("Content-Type", "a parameter value could not be decoded (RFC 2231)");
        }
        if (!decodesSafely(value)) {
            throw new BadHeaderException("Content-Type",
                    "a parameter value must not contain (or decode to) a control character or line break");
        }
        return printableAscii(value) ? name + "=" + quote(value) : extendedParameter(name, value);
    }

    /** Whether {@code value} is a MIME token (RFC 2045 section 5.1): printable ASCII but tspecials. */
    static boolean isToken(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c > 0x20 && c < 0x7f && TSPECIALS.indexOf(c) < 0);
    }

    /** Space and printable ASCII only: what may stand in a quoted string on the wire. */
    private static boolean printableAscii(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    /** No control character (C0, DEL, C1) and no Unicode line or paragraph separator. */
    private static boolean decodesSafely(String value) {
        return value.chars().noneMatch(c -> Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029);
    }

    /** RFC 2231 {@code name*=utf-8''%XX...}, in numbered sections when long, so that every header line stays short. */
    private static String extendedParameter(String parameter, String value) {
        String encoded = percentEncode(value);
        if (encoded.length() <= CONTINUATION_LENGTH) {
            return parameter + "*=utf-8''" + encoded;
        }
        // RFC 2231 section 3: continuations keep every header line short.
        StringBuilder sb = new StringBuilder();
        int start = 0;
        for (int section = 0; start < encoded.length(); section++) {
            int end = Math.min(start + CONTINUATION_LENGTH, encoded.length());
            if (end < encoded.length()) {
                int percent = encoded.lastIndexOf('%', end - 1);
                if (percent > end - 3) {
                    end = percent;
                }
            }
            if (section > 0) {
                sb.append("; ");
            }
            sb.append(parameter).append('*').append(section).append("*=").append(section == 0 ? "utf-8''" : "")
                    .append(encoded, start, end);
            start = end;
        }
        return sb.toString();
    }

    private static String percentEncode(String value) {
        StringBuilder sb = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 128 && (Character.isLetterOrDigit(c) || ATTRIBUTE_CHARS.indexOf(c) >= 0)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** Joins a value and its parameters with "; ", folded for a header named {@code name}. */
    static String withParameters(String name, String value, Iterable<String> parameters) {
        StringBuilder sb = new StringBuilder(value);
        for (String parameter : parameters) {
            sb.append("; ").append(parameter);
        }
        return MimeUtility.fold(name.length() + 2, sb.toString());
    }
}

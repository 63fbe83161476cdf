package org.cdimail.impl.mime;

import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.mail.internet.HeaderTokenizer;
import jakarta.mail.internet.MimeUtility;

/** Formats unstructured header values and MIME parameters: ASCII, folded, RFC 2047 / RFC 2231 where needed. */
final class HeaderValues {

    private static final String ATTRIBUTE_CHARS = "!#$&+-.^_`|~";
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
            throw new IllegalStateException("CDIMAIL-00105: charset not supported for header '" + name + "'", e);
        }
    }

    /** A parameter value, quoted when it is not a MIME token. */
    static String quote(String value) {
        return MimeUtility.quote(value, HeaderTokenizer.MIME);
    }

    /**
     * A file name parameter, {@code filename} or {@code name}. ASCII names are quoted as needed;
     * other names use RFC 2231 ({@code filename*=utf-8''...}), or for {@code name=} (which
     * Outlook reads) an RFC 2047 encoded word in a quoted string.
     */
    static String fileNameParameter(String parameter, String fileName) {
        if (fileName.chars().allMatch(c -> c >= 32 && c < 127)) {
            return parameter + "=" + quote(fileName);
        }
        if (parameter.equals("name")) {
            try {
                return parameter + "=\"" + MimeUtility.encodeText(fileName, "utf-8", null) + "\"";
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException("CDIMAIL-00105: UTF-8 not supported", e);
            }
        }
        String encoded = percentEncode(fileName);
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

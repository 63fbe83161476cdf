package org.cdimail;

import static org.cdimail.ApiError.BAD_ALTERNATIVE_MIMETYPE;
import static org.cdimail.ApiError.NULL_ALTERNATIVE_CONTENT;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An alternative representation of a message body, such as its HTML version: Django's
 * {@code EmailAlternative(content, mimetype)}.
 *
 * <p>Content is text or bytes, and need not be {@code text/*}. Instances are immutable.
 */
public final class EmailAlternative {

    private final String text;
    private final byte[] bytes;
    private final String mimetype;

    private EmailAlternative(String text, byte[] bytes, String mimetype) {
        this.text = text;
        this.bytes = bytes;
        this.mimetype = HeaderRules.checkValue("Content-Type", requireMimetype(mimetype));
    }

    /**
     * A text alternative.
     *
     * @param content  the content, must not be {@code null}
     * @param mimetype the MIME type, for example {@code text/html}; must not be {@code null}
     * @return the alternative
     * @throws IllegalArgumentException if content or mimetype is {@code null} or blank
     */
    public static EmailAlternative of(String content, String mimetype) {
        if (content == null) {
            throw new IllegalArgumentException(
                    NULL_ALTERNATIVE_CONTENT.message("alternative content must not be null"));
        }
        return new EmailAlternative(content, null, mimetype);
    }

    /**
     * A binary alternative.
     *
     * @param content  the content, copied; must not be {@code null}
     * @param mimetype the MIME type; must not be {@code null}
     * @return the alternative
     * @throws IllegalArgumentException if content or mimetype is {@code null} or blank
     */
    public static EmailAlternative of(byte[] content, String mimetype) {
        if (content == null) {
            throw new IllegalArgumentException(
                    NULL_ALTERNATIVE_CONTENT.message("alternative content must not be null"));
        }
        return new EmailAlternative(null, content.clone(), mimetype);
    }

    private static String requireMimetype(String mimetype) {
        if (mimetype == null || mimetype.isBlank() || mimetype.indexOf('/') < 1) {
            throw new IllegalArgumentException(
                    BAD_ALTERNATIVE_MIMETYPE.message("alternative mimetype must be a type/subtype, such as text/html"));
        }
        return mimetype;
    }

    /**
     * The MIME type, as given.
     *
     * @return the MIME type
     */
    public String mimetype() {
        return mimetype;
    }

    /**
     * Whether the content was given as text.
     *
     * @return {@code true} for text content
     */
    public boolean isText() {
        return text != null;
    }

    /**
     * The content as text: the text given, or the bytes decoded as UTF-8.
     *
     * @return the content as text
     */
    public String text() {
        return text != null ? text : new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The content as bytes: the bytes given (a copy), or the text encoded as UTF-8.
     *
     * @return the content as bytes
     */
    public byte[] bytes() {
        return bytes != null ? bytes.clone() : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmailAlternative other && mimetype.equals(other.mimetype)
                && Objects.equals(text, other.text) && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mimetype, text, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "EmailAlternative[" + mimetype + "]";
    }
}

package org.cdimail;

import static org.cdimail.ApiError.BAD_HEADER;

import java.io.Serial;
import java.util.Objects;

/**
 * Thrown when a header name, header value, address, display name or attachment file name
 * could inject a header: it contains a line break ({@code CR}, {@code LF}, {@code U+0085},
 * {@code U+2028}, {@code U+2029}, or another line terminator), or a header name is not a valid
 * RFC 5322 field name.
 *
 * <p>The Java counterpart of Django's {@code BadHeaderError} (a {@code ValueError}). It is
 * raised when a message is built or rendered, always before anything could be sent, and it is
 * never hidden by fail-silently.
 *
 * <p>The message names the offending header (for example {@code To} or
 * {@code attachment filename}); it never contains the value, so that an address or other
 * personal data cannot leak into logs.
 */
public class BadHeaderException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String header;

    /**
     * Creates the exception.
     *
     * @param header the name of the offending header, or a description such as
     *               {@code "attachment filename"}; must not contain the offending value
     * @param reason why it was refused, without the offending value
     */
    public BadHeaderException(String header, String reason) {
        super(BAD_HEADER.message("header '" + Objects.requireNonNull(header, "header") + "' refused: " + reason));
        this.header = header;
    }

    /**
     * The name of the offending header, as given to the constructor.
     *
     * @return the header name or description, never {@code null}
     */
    public String header() {
        return header;
    }
}

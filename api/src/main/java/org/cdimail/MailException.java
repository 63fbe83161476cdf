package org.cdimail;

import java.io.Serial;

/**
 * An unchecked failure to deliver mail: the connection could not be opened, the server
 * refused the message, or the backend failed otherwise.
 *
 * <p>Backends throw it unless they were created with fail-silently. Messages never contain an
 * email address or a password; each starts with a stable id ({@code CDIMAIL-nnnnn}).
 *
 * @see MailDeliveryException
 */
public class MailException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, without addresses or secrets
     */
    public MailException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what failed, without addresses or secrets
     * @param cause   the underlying failure
     */
    public MailException(String message, Throwable cause) {
        super(message, cause);
    }
}

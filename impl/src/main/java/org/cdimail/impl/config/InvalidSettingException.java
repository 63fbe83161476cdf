package org.cdimail.impl.config;

import java.io.Serial;

/**
 * A configuration value that cannot be used. The message starts with a stable id and names the
 * key; it never repeats the value, which may be a password or an address.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * Creates the exception.
     *
     * @param key     the offending key, such as {@code mail.port}
     * @param message the full message, starting with its id and naming {@code key}
     */
    public InvalidSettingException(String key, String message) {
        super(message);
        this.key = key;
    }

    /**
     * The offending key.
     *
     * @return the key
     */
    public String key() {
        return key;
    }
}

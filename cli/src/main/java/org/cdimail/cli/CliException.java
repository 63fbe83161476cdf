package org.cdimail.cli;

import java.io.Serial;

/**
 * A failure the command reports as one line and an exit code, without a stack trace.
 * The message starts with a {@code CDIMAIL-004nn} id and never contains an email address.
 */
final class CliException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    int exitCode() {
        return exitCode;
    }
}

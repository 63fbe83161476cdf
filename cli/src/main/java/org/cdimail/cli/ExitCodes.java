package org.cdimail.cli;

/** The exit codes of every {@code cdi-mail} command. */
final class ExitCodes {

    /** Everything was sent (or the command had nothing to send and succeeded). */
    static final int OK = 0;
    /** Some messages failed, or the server could not be reached. */
    static final int SOME_FAILED = 1;
    /** A usage or configuration error: nothing was attempted. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}

package org.cdimail.cli;

import org.cdimail.ErrorId;

/**
 * The ids of the errors of the command line, {@code CDIMAIL-00400} to {@code 00499}, one constant
 * per id with when it is raised. Each message is one line, starts with its id and never contains an
 * email address.
 */
public enum CliError implements ErrorId {

    /** The {@code --config} file is not readable. */
    CONFIG_UNREADABLE(401),

    /** {@code send} is given no recipient option. */
    NO_RECIPIENTS(402),

    /** {@code --admins} or {@code --managers} is given but its setting is empty. */
    EMPTY_ADDRESS_SETTING(403),

    /** A {@code --header} is not {@code Name: value}. */
    BAD_HEADER_OPTION(404),

    /** An {@code --attach} file is not readable. */
    ATTACHMENT_UNREADABLE(405),

    /** A file given to an option of {@code send} cannot be read. */
    OPTION_FILE_UNREADABLE(406),

    /** The file of {@code send-mass} is not readable. */
    MASS_FILE_UNREADABLE(407),

    /** {@code send-mass} cannot open a connection; nothing is sent. */
    NO_CONNECTION(408),

    /** Reading the file of {@code send-mass} fails. */
    MASS_READ_FAILED(409),

    /** {@code debug-server} cannot listen on its SMTP port. */
    CANNOT_LISTEN(410),

    /** {@code --port} is not a port number. */
    INVALID_PORT(411),

    /** The {@code --save} folder cannot be created or is not writable. */
    SAVE_FOLDER_UNUSABLE(412),

    /** {@code --web} is not a port number. */
    INVALID_WEB_PORT(413),

    /** {@code --web-max} is less than 1, or given without {@code --web}. */
    INVALID_WEB_MAX(414),

    /** The web view of {@code debug-server} cannot listen on its port. */
    WEB_CANNOT_LISTEN(415),

    /** {@code check} fails to reach or log in to the SMTP server. */
    CHECK_FAILED(420),

    /** {@code check} cannot read the certificates of a setting. */
    CERTIFICATES_UNREADABLE(421),

    /** The {@code --report} file cannot be created; nothing is sent. */
    REPORT_NOT_CREATED(430),

    /** Writing the report of {@code send-mass} fails; the run stops. */
    REPORT_WRITE_FAILED(431),

    /** {@code --chunk-size} is out of range. */
    INVALID_CHUNK_SIZE(432),

    /** A backend returns a number of receipts other than the number of messages (a bug). */
    RECEIPT_COUNT_MISMATCH(433),

    /** The reader thread of {@code send-mass} ends without a result (a bug). */
    READER_ENDED_WITHOUT_RESULT(434),

    /** An address option of {@code send} is given an empty address. */
    EMPTY_ADDRESS(440),

    /** A queue command ({@code worker}, {@code queue}, {@code send-mass --enqueue-only}) names an alias that is not queued. */
    ALIAS_NOT_QUEUED(450),

    /** {@code worker --consumers} is below 1. */
    INVALID_CONSUMERS(451),

    /** {@code queue} is given an action it does not know. */
    UNKNOWN_QUEUE_ACTION(452),

    /** {@code broker} could not start (the port is taken, the directory is locked). */
    BROKER_NOT_STARTED(453);

    private final int number;

    CliError(int number) {
        this.number = number;
    }

    /**
     * The number of this error, 400 to 499 in the command line.
     *
     * @return the number, such as 401 for {@code CONFIG_UNREADABLE}
     */
    @Override
    public int number() {
        return number;
    }

    /**
     * The id.
     *
     * @return {@link #id()}
     */
    @Override
    public String toString() {
        return id();
    }
}

package org.cdimail.tck.support;

import org.cdimail.ErrorId;

/**
 * The ids of the errors that the TCK's own support code raises, {@code CDIMAIL-00500} to
 * {@code 00599}, one constant per id with when it is raised. Internal to the TCK: not for
 * implementors' tests, which assert on their own implementation's messages.
 */
public enum TckError implements ErrorId {

    /** A delivered message cannot be parsed. */
    UNPARSABLE_DELIVERED_MAIL(500),

    /** The TCK's SMTP server cannot start. */
    SMTP_SERVER_NOT_STARTED(501),

    /** A porting package class cannot be created. */
    PORTING_PACKAGE_NOT_CREATED(502),

    /** A TCK test class runs without the TCK extension (no contract annotation). */
    NOT_UNDER_TCK_EXTENSION(503),

    /** A TCK test class names no backend. */
    NO_BACKEND_NAMED(504),

    /** A test resource cannot be closed. */
    RESOURCE_NOT_CLOSED(505),

    /** No free loopback port is found. */
    NO_FREE_PORT(506),

    /** The TCK's test certificate cannot be loaded. */
    TEST_CERTIFICATE_NOT_LOADED(507),

    /** A test class of the {@code provided} group runs but no {@code MailboxInspector} is found. */
    NO_MAILBOX_INSPECTOR(509),

    /** The TCK's failing backend refuses a message's header (the reason of its {@code BadHeaderException}). */
    FAILING_BACKEND_HEADER(510),

    /** The TCK's failing backend fails a delivery, as it does every one. */
    FAILING_BACKEND_DELIVERY(511);

    private final int number;

    TckError(int number) {
        this.number = number;
    }

    /**
     * The number of this error, 500 to 599 in the TCK.
     *
     * @return the number, such as 500 for {@code UNPARSABLE_DELIVERED_MAIL}
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

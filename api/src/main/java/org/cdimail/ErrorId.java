package org.cdimail;

/**
 * What every cdi-mail error enum is: a stable number, shown as {@code CDIMAIL-nnnnn} at the start of
 * each message of that error. Internal to cdi-mail's modules (each has one enum of its ids); not for
 * applications or backends.
 */
public interface ErrorId {

    /**
     * The number of this error, within its module's range.
     *
     * @return the number
     */
    int number();

    /**
     * The stable id that starts every message of this error.
     *
     * @return {@code CDIMAIL-} and the number in five digits, such as {@code CDIMAIL-00100}
     */
    default String id() {
        return String.format("CDIMAIL-%05d", number());
    }

    /**
     * A message of this error: the id, a colon, a space and the text.
     *
     * @param text what went wrong; never an email address or a password
     * @return {@code "CDIMAIL-nnnnn: " + text}
     */
    default String message(String text) {
        return id() + ": " + text;
    }
}

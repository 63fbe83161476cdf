package org.cdimail;

/**
 * The ids of the errors that the API raises itself, {@code CDIMAIL-00001} to {@code CDIMAIL-00099}
 * and, for {@code List-Unsubscribe}, {@code 00620} to {@code 00629}:
 * one constant per id, with when it is raised. <b>Internal: not for applications nor backends.</b> It
 * is public only because both {@code org.cdimail} and {@code org.cdimail.spi} raise these errors;
 * names and methods may change in any release. What is stable is the id at the start of each message,
 * such as {@code CDIMAIL-00001: header 'To' refused: ...}.
 */
public enum ApiError implements ErrorId {

    /** A header name or value is refused: a line break, or a name that is not a header name ({@link BadHeaderException}). */
    BAD_HEADER(1),

    /** An alternative is created with {@code null} content. */
    NULL_ALTERNATIVE_CONTENT(2),

    /** An alternative's mimetype is not a {@code type/subtype}. */
    BAD_ALTERNATIVE_MIMETYPE(3),

    /** An attachment's mimetype is not a {@code type/subtype}. */
    BAD_ATTACHMENT_MIMETYPE(4),

    /** A file attached by path is not a readable file. */
    UNREADABLE_ATTACHMENT_FILE(5),

    /** An attachment is created without content. */
    MISSING_ATTACHMENT_CONTENT(6),

    /** An attachment's mimetype names a charset this JVM does not know. */
    UNKNOWN_ATTACHMENT_CHARSET(7),

    /** {@code Bcc} is given as an extra header instead of through {@code bcc(...)}. */
    BCC_HEADER(8),

    /** An extra header is given without a value. */
    EMPTY_HEADER_VALUE(9),

    /** The body's content subtype is not a MIME subtype such as {@code plain} or {@code html}. */
    BAD_CONTENT_SUBTYPE(10),

    /** The message's encoding names a charset this JVM does not support. */
    UNSUPPORTED_ENCODING_CHARSET(11),

    /** No {@code MessageRenderer} is found on the class path. */
    NO_MESSAGE_RENDERER(12),

    /** A receipt or a refusal is given an SMTP reply code outside its range (200-599; 400-599 for a refusal). */
    INVALID_REPLY_CODE(20),

    /** A refusal is given an enhanced status code that is not an RFC 3463 one. */
    INVALID_ENHANCED_STATUS_CODE(21),

    /** The accepted recipients of a message that was not attempted are set or asked for. */
    NOT_ATTEMPTED_WITHOUT_ACCEPTED(22),

    /** A receipt is built with a negative index. */
    NEGATIVE_RECEIPT_INDEX(23),

    /** A backend that reports only a count did not send a message (the reason of its receipt). */
    NOT_SENT_BY_BACKEND(24),

    /** A backend implements neither {@code EmailBackend.deliver} nor {@code EmailBackend.sendMessages}. */
    NO_SEND_METHOD(25),

    /** A {@code BeforeSend} event is vetoed or given a replacement after its synchronous observers ran. */
    BEFORE_SEND_DECIDED(26),

    /** A {@code BeforeSend} observer replaces the message with {@code null}. */
    BEFORE_SEND_NULL_REPLACEMENT(27),

    /** A policy refusal is given no reason. */
    POLICY_REFUSAL_WITHOUT_REASON(28),

    /** {@code List-Unsubscribe} is given no URI. */
    LIST_UNSUBSCRIBE_EMPTY(620),

    /** A {@code List-Unsubscribe} URI is not an https, http or mailto URI of printable ASCII. */
    LIST_UNSUBSCRIBE_BAD_URI(621),

    /** One-click unsubscription (RFC 8058) is asked for without an https URI. */
    LIST_UNSUBSCRIBE_ONE_CLICK_NEEDS_HTTPS(622);

    private final int number;

    ApiError(int number) {
        this.number = number;
    }

    /**
     * The number of this error, 1 to 99 or 620 to 629 in the API.
     *
     * @return the number, such as 1 for {@code BAD_HEADER}
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

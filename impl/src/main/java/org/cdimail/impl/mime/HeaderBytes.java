package org.cdimail.impl.mime;

import java.util.Enumeration;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;

import org.cdimail.BadHeaderException;

/**
 * The one check every rendered header passes, whatever produced it (this package, Jakarta
 * Mail's {@code updateHeaders}): each header line, as it will be written, holds only printable
 * US-ASCII, space and tab, and a CR only as part of a fold, CRLF followed by a space or tab on a
 * line that is not white space only (RFC 5322 sections 2.2 and 3.2.2). Jakarta Mail writes a
 * char as its low byte, so anything else could become a line break on the wire (U+010A is LF).
 */
final class HeaderBytes {

    private HeaderBytes() {
    }

    /**
     * Checks the headers of {@code part} and of every body part of its multipart content, at any
     * depth. An attached message rendered here was checked when it was rendered; one given as
     * bytes is content, not headers of this message.
     *
     * @throws BadHeaderException naming the header, never quoting its value
     */
    static void check(MimePart part) throws MessagingException {
        check(part, false);
    }

    /**
     * As {@link #check(MimePart)}; with {@code utf8}, the message's own header lines may also hold
     * characters beyond ASCII that are neither controls nor white space (RFC 6532, for a
     * transaction with {@code SMTPUTF8}); body parts' headers stay ASCII.
     */
    static void check(MimePart part, boolean utf8) throws MessagingException {
        for (Enumeration<String> lines = part.getAllHeaderLines(); lines.hasMoreElements(); ) {
            checkLine(lines.nextElement(), utf8);
        }
        if (part.getDataHandler() instanceof MultipartNode.MultipartHandler handler) {
            MimeMultipart multipart = handler.multipart();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                check((MimePart) child);
            }
        }
    }

    /** One header line, {@code Name: value}, possibly folded. */
    static void checkLine(String line) {
        checkLine(line, false);
    }

    private static void checkLine(String line, boolean utf8) {
        int colon = line.indexOf(':');
        String name = colon > 0 ? line.substring(0, colon) : "";
        if (!isFieldName(name)) {
            throw new BadHeaderException("(unnamed)", "a header line must start with a field name (RFC 5322)");
        }
        if (name.indexOf('@') >= 0) {
            name = "(unnamed)"; // a valid field name, but it may be an address given in the wrong place: not echoed
        }
        boolean blank = false; // the folded line so far holds only white space
        for (int i = colon + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\r' && i + 2 < line.length() && line.charAt(i + 1) == '\n'
                    && (line.charAt(i + 2) == ' ' || line.charAt(i + 2) == '\t')) {
                if (blank) {
                    throw refused(name);
                }
                blank = true;
                i += 2;
            } else if (c == '\t' || (c >= 0x20 && c < 0x7f)) {
                blank &= c == ' ' || c == '\t';
            } else if (utf8 && isUtf8Text(c)) {
                blank = false;
            } else {
                throw refused(name);
            }
        }
        if (blank) {
            throw refused(name);
        }
    }

    /** A char beyond ASCII allowed in an RFC 6532 header: no control, no white space or line separator. */
    static boolean isUtf8Text(char c) {
        return c >= 0xa0 && !Character.isSpaceChar(c) && !Character.isISOControl(c) && c != '\ufeff';
    }

    /** RFC 5322 section 2.2: printable US-ASCII except colon, at least one. */
    private static boolean isFieldName(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':');
    }

    private static BadHeaderException refused(String name) {
        return new BadHeaderException(name, "the value cannot be written as printable US-ASCII folded lines (RFC 5322)");
    }
}

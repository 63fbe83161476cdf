package org.cdimail.impl.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimePart;

/**
 * One node of the MIME tree being rendered. Each node sets every header it needs itself, so that
 * Jakarta Mail's automatic choices ({@code updateHeaders}) never change a transfer encoding.
 */
interface MimeNode {

    /** Puts this node's content and content headers on {@code part} (a body part or the message). */
    void applyTo(MimePart part) throws MessagingException;

    /** The transfer encoding of the node's bytes on the wire: 7bit, 8bit, binary, or an encoding of 7-bit output. */
    String transferEncoding();

    /** The part's {@code Content-Type} header value. */
    String contentType();

    /** The widest of two encodings as seen by an enclosing {@code message/rfc822}: binary, then 8bit, then 7bit. */
    static String widest(String a, String b) {
        if (a.equals("binary") || b.equals("binary")) {
            return "binary";
        }
        if (a.equals("8bit") || b.equals("8bit")) {
            return "8bit";
        }
        return "7bit";
    }
}

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

    /** The transfer encoding of the node's bytes on the wire: 7bit, 8bit, or an encoding of 7-bit output; never binary. */
    String transferEncoding();

    /** The part's {@code Content-Type} header value. */
    String contentType();

    /** The widest of two encodings as seen by an enclosing {@code message/rfc822}: 8bit, then 7bit (which base64 and quoted-printable are). */
    static String widest(String a, String b) {
        return a.equals("8bit") || b.equals("8bit") ? "8bit" : "7bit";
    }
}

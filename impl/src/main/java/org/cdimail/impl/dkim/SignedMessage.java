package org.cdimail.impl.dkim;

import java.util.Enumeration;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A rendered message with its {@code DKIM-Signature} fields first: written, it gives the signature
 * fields and then exactly the bytes that were signed. A shallow copy, like the SMTP client's
 * tracked message: the rendered header lines and content (its data handler, files still streamed)
 * are shared, not encoded again; its changes are saved, so nothing (Message-ID, encodings) is
 * recomputed when it is written.
 */
final class SignedMessage extends MimeMessage {

    /**
     * @param rendered   the rendered message, saved
     * @param signatures the signature fields, each without its final CRLF, in the order to write them
     */
    SignedMessage(MimeMessage rendered, List<String> signatures) throws MessagingException {
        super(rendered.getSession());
        setDataHandler(rendered.getDataHandler()); // before the headers: it drops Content-Type
        for (String signature : signatures) {
            addHeaderLine(signature);
        }
        for (Enumeration<String> lines = rendered.getAllHeaderLines(); lines.hasMoreElements();) {
            addHeaderLine(lines.nextElement());
        }
        saved = true;
    }

    /**
     * Changes nothing, should anyone save this message again ({@code Transport.send} does): the
     * header is signed as it is, and Jakarta Mail would otherwise write {@code Content-Type} and
     * {@code MIME-Version} anew from the content, which could break the signature.
     */
    @Override
    protected void updateHeaders() {
        // Signed: the header stays exactly as rendered.
    }

    /** Keeps the rendered {@code Message-ID}, should anyone save this message again. */
    @Override
    protected void updateMessageID() throws MessagingException {
        if (getHeader("Message-ID") == null) {
            super.updateMessageID();
        }
    }
}

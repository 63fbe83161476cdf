package org.cdimail.impl.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A rendered message. It keeps the {@code Message-ID} it was rendered with (or that a header
 * override gave it): Jakarta Mail would otherwise replace it with its own on every save.
 */
final class RenderedMessage extends MimeMessage {

    RenderedMessage(Session session) {
        super(session);
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        if (getHeader("Message-ID") == null) {
            super.updateMessageID();
        }
    }
}

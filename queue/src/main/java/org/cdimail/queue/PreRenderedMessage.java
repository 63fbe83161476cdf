package org.cdimail.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message rendered at enqueue time, handed to the {@code smtp} backend as it is: writing it
 * copies the spooled RFC 5322 bytes (headers were checked and Bcc left out when it was
 * rendered). Nothing else of {@link MimeMessage} is meaningful on it.
 */
final class PreRenderedMessage extends MimeMessage {

    private final Spool spool;
    private final String messageId;

    PreRenderedMessage(Spool spool, String messageId) {
        super((Session) null);
        this.spool = spool;
        this.messageId = messageId;
    }

    @Override
    public String getMessageID() {
        return messageId;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        writeTo(out, null);
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
        try (InputStream in = spool.open()) {
            in.transferTo(out);
        }
    }

    @Override
    public void saveChanges() throws MessagingException {
        // rendered once, at enqueue time
    }
}

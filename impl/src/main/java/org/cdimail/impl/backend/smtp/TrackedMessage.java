package org.cdimail.impl.backend.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Enumeration;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A rendered message as handed to the transport, which notes whether it was written out in full.
 * An SMTP server accepts a message only after receiving all of it (and the final dot), so a
 * connection that failed before that point has delivered nothing, and the message may be sent
 * again without being duplicated.
 *
 * <p>A shallow copy: the rendered message's header lines and content (its data handler, files
 * still streamed) are shared, not re-encoded; its changes are already saved, so the
 * {@code Message-ID} and transfer encodings stay exactly as rendered.
 */
final class TrackedMessage extends MimeMessage {

    private volatile boolean transmitted;

    TrackedMessage(Session session, MimeMessage rendered) throws MessagingException {
        super(session);
        setDataHandler(rendered.getDataHandler());
        for (Enumeration<String> lines = rendered.getAllHeaderLines(); lines.hasMoreElements();) {
            addHeaderLine(lines.nextElement());
        }
        saved = true;
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
        super.writeTo(new HeaderLines(out), ignoreList);
        transmitted = true;
    }

    /** Whether the whole message was written to the connection. */
    boolean transmitted() {
        return transmitted;
    }
}

package org.cdimail.impl.backend;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Reads the {@code Message-ID} a message was rendered with, for its receipt. */
public final class RenderedIds {

    private RenderedIds() {
    }

    /**
     * The rendered {@code Message-ID}.
     *
     * @param rendered a message rendered by the alias's renderer
     * @return the Message-ID with its angle brackets, or {@code null} if it has none
     */
    public static String of(MimeMessage rendered) {
        try {
            return rendered.getHeader("Message-ID", null);
        } catch (MessagingException e) {
            return null;
        }
    }
}

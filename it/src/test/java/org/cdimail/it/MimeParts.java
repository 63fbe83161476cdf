package org.cdimail.it;

import java.io.IOException;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/** Finds the text parts of a received message. */
final class MimeParts {

    private MimeParts() {
    }

    /**
     * The first part of a type, searching nested multiparts.
     *
     * @param part     a message or body part
     * @param mimeType e.g. {@code text/html}
     * @return its text, if there is such a part
     */
    static Optional<String> text(Part part, String mimeType) {
        try {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    Optional<String> found = text(multipart.getBodyPart(i), mimeType);
                    if (found.isPresent()) {
                        return found;
                    }
                }
                return Optional.empty();
            }
            return part.isMimeType(mimeType) ? Optional.of((String) part.getContent()) : Optional.empty();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("unreadable message part", e);
        }
    }
}

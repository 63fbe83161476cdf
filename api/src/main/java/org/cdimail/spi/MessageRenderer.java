package org.cdimail.spi;

import static org.cdimail.ApiError.NO_MESSAGE_RENDERER;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.ServiceLoader;

import jakarta.mail.internet.MimeMessage;

import org.cdimail.EmailMessage;

/**
 * Renders an {@link EmailMessage} to MIME. An implementation of cdi-mail provides exactly one,
 * found through {@link ServiceLoader}; {@link EmailMessage#message()} and
 * {@link EmailMessage#writeTo(OutputStream)} delegate to it. Not intended for applications.
 */
public interface MessageRenderer {

    /**
     * Renders the message with the implementation's configured defaults.
     *
     * @param message the message
     * @return the MIME message
     */
    MimeMessage render(EmailMessage message);

    /**
     * Writes the message as RFC 5322 bytes with CRLF line endings, streaming file attachments.
     *
     * @param message the message
     * @param out     where to write; not closed
     * @throws IOException if writing fails
     */
    void writeTo(EmailMessage message, OutputStream out) throws IOException;

    /**
     * The renderer of the implementation on the class path (or module path).
     *
     * @return the renderer
     * @throws IllegalStateException if no implementation is present
     */
    static MessageRenderer instance() {
        return Holder.INSTANCE;
    }

    /** Lazily loads the renderer once. */
    final class Holder {
        static final MessageRenderer INSTANCE = load();

        private Holder() {
        }

        private static MessageRenderer load() {
            Iterator<MessageRenderer> found = ServiceLoader.load(MessageRenderer.class,
                    MessageRenderer.class.getClassLoader()).iterator();
            if (!found.hasNext()) {
                ClassLoader tccl = Thread.currentThread().getContextClassLoader();
                if (tccl != null) {
                    found = ServiceLoader.load(MessageRenderer.class, tccl).iterator();
                }
            }
            if (!found.hasNext()) {
                throw new IllegalStateException(
                        NO_MESSAGE_RENDERER.message("no MessageRenderer found; add cdi-mail-impl (or another"
                                + " implementation) to the class path"));
            }
            return found.next();
        }
    }
}

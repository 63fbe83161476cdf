package org.cdimail.impl.backend.console;

import static org.cdimail.impl.ImplError.CONSOLE_ATTACHMENT_UNREADABLE;
import static org.cdimail.impl.ImplError.CONSOLE_NOT_WRITTEN;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.impl.backend.LocalDelivery;
import org.cdimail.impl.backend.RenderedIds;
import org.cdimail.impl.backend.Separator;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.spi.EmailBackend;

/**
 * {@code console}: writes each full message to a stream (standard output by default), followed
 * by a line of 79 dashes, and flushes, as Django's console backend does. Needs no connection.
 * Thread-safe: one lock per stream keeps messages from different threads apart.
 */
public final class ConsoleBackend implements EmailBackend {

    private final Supplier<PrintStream> stream;
    private final MimeRenderer renderer;
    private final boolean failSilently;

    /**
     * A backend writing to the stream that {@code stream} gives at each send (so that
     * {@code System.setOut} is honoured).
     *
     * @param stream       gives the stream to write to
     * @param renderer     the alias's renderer
     * @param failSilently record write failures in the receipts instead of throwing
     */
    public ConsoleBackend(Supplier<PrintStream> stream, MimeRenderer renderer, boolean failSilently) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.failSilently = failSilently;
    }

    /**
     * A backend writing to {@code stream}.
     *
     * @param stream   the stream
     * @param renderer the renderer
     */
    public ConsoleBackend(PrintStream stream, MimeRenderer renderer) {
        this(() -> stream, renderer, false);
    }

    /**
     * The stream named by {@code mail.console-stream}.
     *
     * @param name {@code stdout} or {@code stderr}
     * @return a supplier of the current {@code System.out} or {@code System.err}
     */
    public static Supplier<PrintStream> standardStream(String name) {
        return "stderr".equals(name) ? () -> System.err : () -> System.out;
    }


    @Override
    public List<Receipt> deliver(List<EmailMessage> messages) {
        return LocalDelivery.each(messages, renderer, failSilently, (message, envelope) -> {
            // Render completely before writing, so that a failure leaves no half message behind.
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            String messageId;
            try {
                MimeMessage mime = renderer.render(message, null);
                messageId = RenderedIds.of(mime);
                mime.writeTo(buffer);
                buffer.write(Separator.bytes());
            } catch (IOException | MessagingException e) {
                throw new MailException(
                        CONSOLE_ATTACHMENT_UNREADABLE.message("the console backend could not read a file attachment"), e);
            }
            write(buffer.toByteArray());
            return messageId;
        });
    }

    private void write(byte[] rendered) {
        PrintStream out = stream.get();
        synchronized (out) {
            out.write(rendered, 0, rendered.length);
            out.flush();
            if (out.checkError()) {
                throw new MailException(
                        CONSOLE_NOT_WRITTEN.message("the console backend could not write to its stream"));
            }
        }
    }

    @Override
    public String toString() {
        return "ConsoleBackend";
    }
}

package org.cdimail.impl.backend.file;

import static org.cdimail.impl.ImplError.FILE_NOT_CREATED;
import static org.cdimail.impl.ImplError.FILE_NOT_WRITTEN;
import static org.cdimail.impl.ImplError.PARTIAL_FILE_NOT_REMOVED;
import static org.cdimail.impl.ImplError.RENDERING_FAILED;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.impl.backend.LocalDelivery;
import org.cdimail.impl.backend.RenderedIds;
import org.cdimail.impl.backend.Separator;
import org.cdimail.impl.mime.Envelope;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.spi.EmailBackend;

/**
 * {@code file}: one file per opened connection in {@code mail.file-path}, each message followed
 * by a line of 79 dashes, as Django's file backend. The name is a timestamp and a random part,
 * created exclusively, so two connections opened in the same second never share a file.
 * Thread-safe: one lock guards the open file.
 */
public final class FileBackend implements EmailBackend {

    private static final System.Logger LOG = System.getLogger(FileBackend.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Writes one message's bytes and returns its Message-ID; the renderer's, or a failing one in tests. */
    interface MessageWriter {
        String write(EmailMessage message, OutputStream out) throws IOException;
    }

    private final Path directory;
    private final MimeRenderer renderer;
    private final MessageWriter writer;
    private final boolean failSilently;
    private final Object lock = new Object();
    private FileChannel channel;
    private OutputStream out;
    private Path file;

    /**
     * A connection writing under {@code directory}.
     *
     * @param directory    the directory, created if missing
     * @param renderer     the alias's renderer
     * @param failSilently record file-system failures in the receipts instead of throwing
     */
    public FileBackend(Path directory, MimeRenderer renderer, boolean failSilently) {
        this(directory, renderer, (message, out) -> {
            MimeMessage mime = renderer.render(message, null);
            try {
                mime.writeTo(out);
            } catch (MessagingException e) {
                throw new IOException(RENDERING_FAILED.message("the message could not be written"), e);
            }
            return RenderedIds.of(mime);
        }, failSilently);
    }

    FileBackend(Path directory, MimeRenderer renderer, MessageWriter writer, boolean failSilently) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.failSilently = failSilently;
    }

    /**
     * The file of the open connection.
     *
     * @return the file, while open
     */
    public Optional<Path> file() {
        synchronized (lock) {
            return Optional.ofNullable(file);
        }
    }

    @Override
    public boolean open() {
        try {
            return openFile();
        } catch (MailException e) {
            if (failSilently) {
                return false;
            }
            throw e;
        }
    }

    private boolean openFile() {
        synchronized (lock) {
            if (out != null) {
                return false;
            }
            try {
                Files.createDirectories(directory);
                Path created = createUniqueFile();
                channel = FileChannel.open(created, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                out = new BufferedOutputStream(Channels.newOutputStream(channel));
                file = created;
                return true;
            } catch (IOException e) {
                throw new MailException(FILE_NOT_CREATED.message("cannot create a file under mail.file-path"), e);
            }
        }
    }

    private Path createUniqueFile() throws IOException {
        while (true) {
            String name = LocalDateTime.now().format(STAMP) + "-" + HexFormat.of().toHexDigits(RANDOM.nextLong()) + ".log";
            try {
                return Files.createFile(directory.resolve(name));
            } catch (FileAlreadyExistsException e) {
                // 64 random bits made a collision: try another name.
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (out == null) {
                return;
            }
            try {
                out.close();
            } catch (IOException e) {
                // Closing must not throw; whatever was flushed stays in the file.
            } finally {
                out = null;
                channel = null;
                file = null;
            }
        }
    }

    @Override
    public List<Receipt> deliver(List<EmailMessage> messages) {
        // Address errors surface before the file is opened, whatever fail-silently says.
        messages.stream().filter(m -> !m.recipients().isEmpty()).forEach(renderer::envelope);
        if (messages.stream().allMatch(m -> m.recipients().isEmpty())) {
            return LocalDelivery.each(messages, renderer, failSilently, (m, e) -> null);
        }
        synchronized (lock) {
            boolean opened;
            try {
                opened = openFile();
            } catch (MailException e) {
                if (!failSilently) {
                    throw LocalDelivery.stopped(e, new ArrayList<>(), messages, 0);
                }
                return LocalDelivery.each(messages, renderer, true, (m, envelope) -> {
                    throw e;
                });
            }
            try {
                return LocalDelivery.each(messages, renderer, failSilently, this::append);
            } finally {
                if (opened) {
                    close();
                }
            }
        }
    }

    /** Appends one message and its separator, or nothing of it. */
    private String append(EmailMessage message, Envelope envelope) {
        long start = -1;
        try {
            start = channel.size(); // everything before is flushed
            String messageId = writer.write(message, out);
            out.write(Separator.bytes());
            out.flush();
            return messageId;
        } catch (IOException e) {
            discardFrom(start);
            throw new MailException(FILE_NOT_WRITTEN.message("cannot write to the file under mail.file-path"), e);
        } catch (RuntimeException e) {
            discardFrom(start);
            throw e;
        }
    }

    /**
     * Drops a message that failed half-way (an attachment that could not be read, a full disk):
     * its buffered bytes are discarded and the file is cut back to where the message began, so
     * the file never holds part of a message.
     */
    private void discardFrom(long start) {
        out = new BufferedOutputStream(Channels.newOutputStream(channel)); // the old buffer is never flushed
        if (start < 0) {
            return; // nothing of the message was written
        }
        try {
            channel.truncate(start);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING,
                    PARTIAL_FILE_NOT_REMOVED.message("could not remove a partly written message from {0}"),
                    file);
        }
    }

    @Override
    public String toString() {
        return "FileBackend[open=" + file().isPresent() + "]";
    }
}

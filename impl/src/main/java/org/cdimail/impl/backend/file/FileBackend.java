package org.cdimail.impl.backend.file;

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
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.impl.backend.Separator;
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

    /** Writes one message's bytes; the renderer's {@code writeTo}, or a failing one in tests. */
    interface MessageWriter {
        void write(EmailMessage message, OutputStream out) throws IOException;
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
     * @param failSilently swallow file-system failures
     */
    public FileBackend(Path directory, MimeRenderer renderer, boolean failSilently) {
        this(directory, renderer, renderer::writeTo, failSilently);
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
                if (failSilently) {
                    return false;
                }
                throw new MailException("CDIMAIL-00250: cannot create a file under mail.file-path", e);
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
    public int sendMessages(List<EmailMessage> messages) {
        List<EmailMessage> addressed = messages.stream().filter(m -> !m.recipients().isEmpty()).toList();
        if (addressed.isEmpty()) {
            return 0;
        }
        addressed.forEach(renderer::envelope);
        synchronized (lock) {
            boolean opened = open();
            if (out == null) {
                return 0;
            }
            int sent = 0;
            try {
                for (EmailMessage message : addressed) {
                    long start = channel.size(); // everything before is flushed
                    try {
                        writer.write(message, out);
                        out.write(Separator.bytes());
                        out.flush();
                    } catch (IOException | RuntimeException e) {
                        discardFrom(start);
                        throw e;
                    }
                    sent++;
                }
            } catch (IOException e) {
                if (!failSilently) {
                    throw new MailException("CDIMAIL-00251: cannot write to the file under mail.file-path", e);
                }
            } finally {
                if (opened) {
                    close();
                }
            }
            return sent;
        }
    }

    /**
     * Drops a message that failed half-way (an attachment that could not be read, a full disk):
     * its buffered bytes are discarded and the file is cut back to where the message began, so
     * the file never holds part of a message.
     */
    private void discardFrom(long start) {
        out = new BufferedOutputStream(Channels.newOutputStream(channel)); // the old buffer is never flushed
        try {
            channel.truncate(start);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "CDIMAIL-00252: could not remove a partly written message from {0}",
                    file);
        }
    }

    @Override
    public String toString() {
        return "FileBackend[open=" + file().isPresent() + "]";
    }
}

package org.cdimail.queue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bytes of one rendered message, kept in memory up to {@value #IN_MEMORY} bytes and in a
 * temporary file beyond, so that a message of any size needs bounded memory. Written once
 * through {@link #output()}, then read as often as needed through {@link #open()}; {@link #close()}
 * deletes the file. Not thread-safe.
 */
final class Spool implements AutoCloseable {

    /** Messages up to this size stay in memory; larger ones go to a file (and travel as Artemis large messages). */
    static final int IN_MEMORY = 256 * 1024;

    private enum State { WRITING, WRITTEN, CLOSED }

    private final ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;
    private long size;
    private State state = State.WRITING;

    /**
     * Where the bytes are written; closing it ends the writing.
     *
     * @return the stream
     */
    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (state != State.WRITING) {
                    throw new IOException(QueueError.SPOOL_CLOSED.message("the spool is no longer being written"));
                }
                if (fileOut == null && memory.size() + length > IN_MEMORY) {
                    file = Files.createTempFile("cdi-mail-queue-", ".eml");
                    fileOut = Files.newOutputStream(file);
                    memory.writeTo(fileOut);
                    memory.reset();
                }
                if (fileOut != null) {
                    fileOut.write(bytes, offset, length);
                } else {
                    memory.write(bytes, offset, length);
                }
                size += length;
            }

            @Override
            public void close() throws IOException {
                if (state == State.WRITING) {
                    state = State.WRITTEN;
                    if (fileOut != null) {
                        fileOut.close();
                    }
                }
            }
        };
    }

    /** @return the number of bytes written */
    long size() {
        return size;
    }

    /** @return whether the bytes are in a file: a large message */
    boolean large() {
        return file != null;
    }

    /**
     * The bytes, from the start.
     *
     * @return a new stream
     * @throws IllegalStateException if still being written or closed
     */
    InputStream open() {
        if (state != State.WRITTEN) {
            throw new IllegalStateException(QueueError.SPOOL_STATE.message("the spool is " + state.name().toLowerCase(java.util.Locale.ROOT)));
        }
        if (file == null) {
            return new ByteArrayInputStream(memory.toByteArray());
        }
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bytes of a message kept in memory.
     *
     * @return a copy
     */
    byte[] bytes() {
        if (file != null) {
            throw new IllegalStateException(QueueError.LARGE_MESSAGE_READ_WHOLE.message("a large message is read with open()"));
        }
        return memory.toByteArray();
    }

    /** Deletes the file, if any; never throws. */
    @Override
    public void close() {
        state = State.CLOSED;
        if (file != null) {
            try {
                if (fileOut != null) {
                    fileOut.close();
                }
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind is not worth failing a delivery for
            }
        }
    }
}

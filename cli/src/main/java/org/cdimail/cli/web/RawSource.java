package org.cdimail.cli.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the bytes of a received message are: in memory, or in the {@code .eml} file that
 * {@code --save} wrote.
 */
sealed interface RawSource {

    /**
     * Opens the message's bytes, exactly as received.
     *
     * @return a new stream, which the caller closes
     * @throws IOException if the bytes cannot be read (a saved file was removed)
     */
    InputStream open() throws IOException;

    /**
     * All the message's bytes.
     *
     * @return a new array
     * @throws IOException if the bytes cannot be read
     */
    default byte[] readAll() throws IOException {
        try (InputStream in = open()) {
            return in.readAllBytes();
        }
    }

    /**
     * A message kept in memory.
     *
     * @param bytes the message; not copied, never modified
     */
    record InMemory(byte[] bytes) implements RawSource {
        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }
    }

    /**
     * A message kept in a file; only its summary is in memory.
     *
     * @param file the {@code .eml} file
     */
    record OnDisk(Path file) implements RawSource {
        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }
    }
}

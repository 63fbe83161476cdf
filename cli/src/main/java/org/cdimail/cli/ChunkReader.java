package org.cdimail.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code send-mass} file a chunk at a time: at most {@code size} non-blank lines, with
 * their line numbers (blank lines are counted, never returned). Only one chunk is held in memory,
 * so a file of any length needs memory for one chunk.
 */
final class ChunkReader {

    /** A non-blank line and its number, from 1. */
    record NumberedLine(long number, String text) {
    }

    private final BufferedReader reader;
    private final int size;
    private long lineNumber;
    private boolean ended;

    /**
     * A reader of chunks.
     *
     * @param reader the file's lines
     * @param size   the most non-blank lines in a chunk, at least 1
     */
    ChunkReader(BufferedReader reader, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a chunk holds at least one line, not " + size);
        }
        this.reader = reader;
        this.size = size;
    }

    /**
     * The next chunk.
     *
     * @return up to {@code size} non-blank lines, in order; empty at the end of the file
     * @throws IOException if reading fails
     */
    List<NumberedLine> next() throws IOException {
        List<NumberedLine> chunk = new ArrayList<>(Math.min(size, 1024));
        while (chunk.size() < size && !ended) {
            String line = reader.readLine();
            if (line == null) {
                ended = true;
            } else {
                lineNumber++;
                if (!line.isBlank()) {
                    chunk.add(new NumberedLine(lineNumber, line));
                }
            }
        }
        return chunk;
    }

    /**
     * The number of the last line read, blank or not.
     *
     * @return the line number, 0 before the first line
     */
    long lineNumber() {
        return lineNumber;
    }
}

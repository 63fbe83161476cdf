package org.cdimail.cli;

import java.io.IOException;
import java.util.List;

import org.cdimail.EmailMessage;

/** Where {@link MassSender} takes the lines of a {@code send-mass} file from, a chunk at a time. */
interface ChunkSource {

    /**
     * One non-blank line of the file, read and checked.
     *
     * @param number  the line number, from 1, blank lines counted
     * @param message the message, when the line holds one that can be sent
     * @param invalid why the line holds no message that can be sent, one line without addresses
     */
    record Line(long number, EmailMessage message, String invalid) {

        /** A line not parsed (the run had stopped sending): neither a message nor invalid. */
        static Line unparsed(long number) {
            return new Line(number, null, null);
        }
    }

    /**
     * The next chunk of lines, in order.
     *
     * @return the lines; empty at the end of the file
     * @throws IOException if reading fails (the chunks before it were all returned)
     */
    List<Line> next() throws IOException;

    /**
     * From now on, lines need not be parsed: the run is not sending any more, only counting.
     * Later chunks may hold {@linkplain Line#unparsed(long) unparsed} lines.
     */
    void parseNoMore();

    /**
     * The number of the last line of the file, blank or not.
     *
     * @return the line number, once {@link #next()} returned an empty chunk
     */
    long lastLineNumber();
}

package org.cdimail.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.cdimail.EmailMessage;

/**
 * Reads a {@code send-mass} file a chunk at a time, on the calling thread, and checks each line:
 * it must parse ({@link JsonMessageParser}), have recipients, and pass the alias's
 * {@link EnvelopeCheck}. A line that fails is returned with why, never with a message.
 */
final class LineChunks implements ChunkSource {

    private final ChunkReader reader;
    private final JsonMessageParser parser;
    private final EnvelopeCheck envelopeCheck;
    private volatile boolean parse = true;

    /**
     * A source of chunks.
     *
     * @param reader        the file's lines
     * @param parser        turns a line into a message
     * @param envelopeCheck checks each message's addresses
     * @param size          the most non-blank lines in a chunk, at least 1
     */
    LineChunks(BufferedReader reader, JsonMessageParser parser, EnvelopeCheck envelopeCheck, int size) {
        this.reader = new ChunkReader(reader, size);
        this.parser = parser;
        this.envelopeCheck = envelopeCheck;
    }

    @Override
    public List<Line> next() throws IOException {
        List<ChunkReader.NumberedLine> raw = reader.next();
        List<Line> lines = new ArrayList<>(raw.size());
        for (ChunkReader.NumberedLine line : raw) {
            lines.add(parse ? check(line) : Line.unparsed(line.number()));
        }
        return lines;
    }

    private Line check(ChunkReader.NumberedLine line) {
        try {
            EmailMessage message = parser.parse(line.text());
            if (message.recipients().isEmpty()) {
                return new Line(line.number(), null, "no recipients (to, cc and bcc are empty)");
            }
            envelopeCheck.check(message);
            return new Line(line.number(), message, null);
        } catch (JsonMessageParser.InvalidLineException e) {
            return new Line(line.number(), null, e.getMessage());
        } catch (IllegalArgumentException e) {
            return new Line(line.number(), null, Errors.oneLine(e));
        }
    }

    @Override
    public void parseNoMore() {
        parse = false;
    }

    @Override
    public long lastLineNumber() {
        return reader.lineNumber();
    }
}

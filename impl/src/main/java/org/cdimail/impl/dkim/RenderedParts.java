package org.cdimail.impl.dkim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.util.LineOutputStream;

/**
 * A message as it leaves, written to this stream, split into its header fields (kept: they are
 * small) and its body (passed on to a {@link BodyCanonicalizer}, never kept). Line breaks are made
 * CRLF on the way, a lone CR or LF becoming CRLF, exactly as the SMTP client's {@code DataStream}
 * writes them, so that what is hashed is what a receiver gets. Already a {@link LineOutputStream}, as
 * the SMTP client's stream is, so that Jakarta Mail looks no {@code StreamProvider} up to write the
 * header lines (see {@code StreamProviderCache}); the renderer has checked that they are US-ASCII.
 */
final class RenderedParts extends OutputStream implements LineOutputStream {

    private static final byte[] CRLF = { '\r', '\n' };

    private final ByteArrayOutputStream header = new ByteArrayOutputStream(2048);
    private final BodyCanonicalizer body;
    private boolean inBody;
    private boolean afterCr;
    private int headerLineLength;

    /**
     * @param body where the body goes
     */
    RenderedParts(BodyCanonicalizer body) {
        this.body = body;
    }

    @Override
    public void write(int b) throws IOException {
        accept((byte) b);
    }

    @Override
    public void writeln(String line) throws IOException {
        write(line.getBytes(StandardCharsets.UTF_8));
        write(CRLF);
    }

    @Override
    public void writeln() throws IOException {
        write(CRLF);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (inBody && !afterCr) {
            writeBody(bytes, offset, length);
            return;
        }
        for (int i = offset, end = offset + length; i < end; i++) {
            if (inBody && !afterCr) {
                writeBody(bytes, i, end - i);
                return;
            }
            accept(bytes[i]);
        }
    }

    /** The body's bytes, normalized in runs: only a lone CR or LF needs a byte-by-byte look. */
    private void writeBody(byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        int run = offset;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == '\r' || b == '\n') {
                body.write(bytes, run, i - run);
                run = i + 1;
                if (b == '\n') {
                    body.write('\r');
                    body.write('\n');
                } else if (i + 1 < end && bytes[i + 1] == '\n') {
                    body.write('\r');
                    body.write('\n');
                    run = ++i + 1;
                } else if (i + 1 < end) {
                    body.write('\r');
                    body.write('\n');
                } else {
                    afterCr = true;
                    body.write('\r');
                    body.write('\n');
                }
            }
        }
        body.write(bytes, run, end - run);
    }

    private void accept(byte b) throws IOException {
        if (afterCr) {
            afterCr = false;
            if (b == '\n') {
                return; // the CR already went out as CRLF
            }
        }
        if (b == '\r') {
            afterCr = true;
            lineBreak();
        } else if (b == '\n') {
            lineBreak();
        } else if (inBody) {
            body.write(b);
        } else {
            header.write(b);
            headerLineLength++;
        }
    }

    private void lineBreak() throws IOException {
        if (inBody) {
            body.write('\r');
            body.write('\n');
        } else if (headerLineLength == 0) {
            inBody = true; // the empty line between header and body
        } else {
            header.write('\r');
            header.write('\n');
            headerLineLength = 0;
        }
    }

    /**
     * Ends the message and its body.
     *
     * @throws IOException if the body's stream fails
     */
    void finish() throws IOException {
        body.finish();
    }

    /**
     * The header fields in order, each with its folds and without its final CRLF.
     *
     * @return the fields
     */
    List<String> fields() {
        List<String> fields = new ArrayList<>();
        for (String line : header.toString(StandardCharsets.UTF_8).split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + "\r\n" + line);
            } else {
                fields.add(line);
            }
        }
        return fields;
    }
}

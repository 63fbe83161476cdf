package org.cdimail.impl.mime;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Quoted-printable (RFC 2045 section 6.7) for binary content: unlike the text-mode encoder of
 * Jakarta Mail, CR and LF are encoded ({@code =0D}, {@code =0A}) so that every byte survives.
 * Lines are at most 76 characters, ended by a soft line break; a space or tab is encoded only at
 * the very end, the one place where it would end a line.
 */
final class BinaryQuotedPrintableOutputStream extends FilterOutputStream {

    private static final int MAX_LINE = 76;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SOFT_BREAK = {'=', '\r', '\n'};

    private final byte[] line = new byte[MAX_LINE + 3];
    private int length;

    BinaryQuotedPrintableOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        int c = b & 0xff;
        // Space and tab are literal: inside the data they are followed by another character or by
        // the '=' of a soft line break; only a final one would end a line, and finish() encodes it.
        boolean literal = (c >= 32 && c <= 126 && c != '=') || c == '\t';
        int width = literal ? 1 : 3;
        if (length + width > MAX_LINE - 1) {
            out.write(line, 0, length);
            out.write(SOFT_BREAK);
            length = 0;
        }
        if (literal) {
            line[length++] = (byte) c;
        } else {
            line[length++] = '=';
            line[length++] = HEX[c >> 4];
            line[length++] = HEX[c & 0xf];
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Writes the last line without closing the underlying stream. */
    void finish() throws IOException {
        if (length > 0 && (line[length - 1] == ' ' || line[length - 1] == '\t')) {
            byte last = line[--length];
            if (length + 3 > MAX_LINE) {
                out.write(line, 0, length);
                out.write(SOFT_BREAK);
                length = 0;
            }
            line[length++] = '=';
            line[length++] = HEX[last >> 4];
            line[length++] = HEX[last & 0xf];
        }
        if (length > 0) {
            out.write(line, 0, length);
            length = 0;
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
        out.close();
    }
}

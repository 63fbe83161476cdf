package org.cdimail.impl.backend.smtp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The message content of an SMTP {@code DATA} command (RFC 5321 4.5.2): every line break goes out
 * as CRLF (a lone CR or LF becomes CRLF), a line that starts with a dot gets a second one, and
 * {@link #finish()} ends the last line and writes the terminating {@code .CRLF}. Leaves the
 * connection open when closed; the buffering is the underlying stream's.
 */
final class DataStream extends FilterOutputStream {

    private static final byte[] END = { '.', '\r', '\n' };
    private static final byte[] CRLF = { '\r', '\n' };

    /** Whether the next byte starts a line. */
    private boolean atLineStart = true;
    /** Whether the last byte was a CR, whose LF (if it comes next) is already written. */
    private boolean afterCr;

    DataStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        int run = offset; // start of the bytes that can go out unchanged
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (afterCr) {
                    // The CR already went out as CRLF: this LF is part of it.
                    out.write(bytes, run, i - run);
                    run = i + 1;
                } else if (i == run || bytes[i - 1] != '\r') {
                    out.write(bytes, run, i - run);
                    out.write('\r');
                    run = i; // the LF goes out with the next run
                }
                afterCr = false;
                atLineStart = true;
            } else {
                if (afterCr) {
                    afterCr = false; // a lone CR went out as CRLF; this byte starts a new line
                }
                if (b == '\r') {
                    if (i + 1 < end) {
                        if (bytes[i + 1] != '\n') {
                            out.write(bytes, run, i + 1 - run);
                            out.write('\n');
                            run = i + 1;
                            atLineStart = true;
                            continue;
                        }
                        // CRLF inside this array: the LF branch sees the CR just before it.
                        atLineStart = false;
                        continue;
                    }
                    // A CR at the end of the array: complete it now, swallow an LF that follows.
                    out.write(bytes, run, i + 1 - run);
                    out.write('\n');
                    run = i + 1;
                    afterCr = true;
                    atLineStart = true;
                    continue;
                }
                if (b == '.' && atLineStart) {
                    out.write(bytes, run, i - run);
                    out.write('.');
                    run = i; // the original dot goes out with the next run
                }
                atLineStart = false;
            }
        }
        out.write(bytes, run, end - run);
    }

    /** Ends the last line if needed and writes the end-of-data line; the caller flushes. */
    void finish() throws IOException {
        if (!atLineStart) {
            out.write(CRLF);
        }
        out.write(END);
        atLineStart = true;
        afterCr = false;
    }

    /** Leaves the connection open: the transaction is ended by {@link #finish()}. */
    @Override
    public void close() {
        // Nothing to release.
    }
}

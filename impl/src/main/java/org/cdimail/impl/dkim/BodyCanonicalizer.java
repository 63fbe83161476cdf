package org.cdimail.impl.dkim;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The body canonicalization of RFC 6376 (3.4.3 {@code simple}, 3.4.4 {@code relaxed}) as a
 * stream: it holds back only counts (line breaks not yet known to be followed by content, a
 * pending run of white space), never a line, so a body of any size is canonicalized in constant
 * memory.
 *
 * <p>Input lines end with CRLF; a CR not followed by LF is content. Trailing empty lines are
 * dropped, and the end of the body ends a line: a body with content ends with exactly one CRLF.
 * An empty body is CRLF for {@code simple} and nothing for {@code relaxed} (RFC 6376 3.4.3 and
 * 3.4.4; a body of empty lines only counts as empty). With {@code relaxed}, white space (SP, HT)
 * at the end of a line is dropped and any other run becomes one SP.
 */
public final class BodyCanonicalizer extends OutputStream {

    private static final byte[] CRLF = { '\r', '\n' };

    private final OutputStream out;
    private final boolean relaxed;
    private final byte[] buffer = new byte[8192];
    private int buffered;
    private long pendingLineBreaks;
    private boolean pendingSpace;
    private boolean pendingCr;
    private boolean content;
    private boolean finished;

    BodyCanonicalizer(OutputStream out, boolean relaxed) {
        this.out = out;
        this.relaxed = relaxed;
    }

    @Override
    public void write(int b) throws IOException {
        accept((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset, end = offset + length; i < end; i++) {
            accept(bytes[i]);
        }
    }

    private void accept(byte b) throws IOException {
        if (finished) {
            throw new IOException("the body is finished");
        }
        if (pendingCr) {
            pendingCr = false;
            if (b == '\n') {
                pendingSpace = false; // white space at the end of a line is ignored (relaxed)
                pendingLineBreaks++;
                return;
            }
            content((byte) '\r');
        }
        if (b == '\r') {
            pendingCr = true;
        } else if (relaxed && (b == ' ' || b == '\t')) {
            pendingSpace = true;
        } else {
            content(b);
        }
    }

    private void content(byte b) throws IOException {
        for (; pendingLineBreaks > 0; pendingLineBreaks--) {
            emit((byte) '\r');
            emit((byte) '\n');
        }
        if (pendingSpace) {
            emit((byte) ' ');
            pendingSpace = false;
        }
        emit(b);
        content = true;
    }

    private void emit(byte b) throws IOException {
        if (buffered == buffer.length) {
            out.write(buffer, 0, buffered);
            buffered = 0;
        }
        buffer[buffered++] = b;
    }

    /**
     * Ends the body: writes its last CRLF (or, for an empty body, {@code simple}'s CRLF) and
     * flushes. Nothing may be written after.
     *
     * @throws IOException if the underlying stream fails
     */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        if (pendingCr) {
            pendingCr = false;
            content((byte) '\r');
        }
        pendingSpace = false;
        finished = true;
        out.write(buffer, 0, buffered);
        buffered = 0;
        if (content || !relaxed) {
            out.write(CRLF);
        }
        out.flush();
    }
}

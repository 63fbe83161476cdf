package org.cdimail.impl.mime;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Turns lone CR and lone LF into CRLF, the canonical line break of text on the wire (RFC 2046). */
final class CrlfInputStream extends FilterInputStream {

    private boolean lfPending;
    private boolean afterCr;

    CrlfInputStream(InputStream in) {
        super(new BufferedInputStream(in, 64 * 1024));
    }

    @Override
    public int read() throws IOException {
        if (lfPending) {
            lfPending = false;
            return '\n';
        }
        int c = in.read();
        if (c == '\n' && afterCr) {
            // The LF of a CRLF whose CR was already followed by a generated LF: skip it.
            afterCr = false;
            c = in.read();
        }
        afterCr = false;
        if (c == '\r') {
            afterCr = true;
            lfPending = true;
        } else if (c == '\n') {
            lfPending = true;
            return '\r';
        }
        return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            int c = read();
            if (c < 0) {
                return n == 0 ? -1 : n;
            }
            b[off + n++] = (byte) c;
            if (!lfPending && in.available() <= 0 && n > 0) {
                break;
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && read() >= 0) {
            skipped++;
        }
        return skipped;
    }

    @Override
    public int available() {
        return lfPending ? 1 : 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}

package org.cdimail.impl.mime;

/**
 * What the transfer-encoding choice needs to know about some bytes, gathered in one streaming
 * pass: the longest line, whether any byte is 8-bit or NUL, and whether every line break is CRLF.
 * Any of CR, LF or CRLF ends a line.
 */
final class ContentStats {

    private long size;
    private long longestLine;
    private long currentLine;
    private boolean eightBit;
    private boolean nul;
    private boolean bareLineBreak;
    private boolean pendingCr;
    private long escapes;
    private long lineBreakBytes;

    /** 1 for the bytes quoted-printable always escapes (see {@link #escapes()}), else 0. */
    private static final byte[] ESCAPED = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            boolean escaped = (b < ' ' && b != '\t' && b != '\r' && b != '\n') || b == '=' || b >= 0x7f;
            ESCAPED[b] = (byte) (escaped ? 1 : 0);
        }
    }

    /**
     * Adds bytes. Written for speed, since every attachment passes through here: table lookups
     * and an OR for what every byte needs, branches only for line breaks and NUL, which are rare
     * in binary data.
     */
    void update(byte[] buffer, int offset, int length) {
        size += length;
        int high = 0;
        long escaped = 0;
        for (int i = offset; i < offset + length; i++) {
            int b = buffer[i] & 0xff;
            escaped += ESCAPED[b];
            high |= b;
            if (b == '\r' || b == '\n' || pendingCr) {
                lineBreak(b);
            } else {
                currentLine++;
                if (b == 0) {
                    nul = true;
                }
            }
        }
        escapes += escaped;
        eightBit |= (high & 0x80) != 0;
    }

    /** A CR or LF, or the byte after a CR. */
    private void lineBreak(int b) {
        if (pendingCr) {
            pendingCr = false;
            if (b == '\n') {
                lineBreakBytes++;
                return;
            }
            bareLineBreak = true;
        }
        if (b == '\r') {
            lineBreakBytes++;
            pendingCr = true;
            endLine();
        } else if (b == '\n') {
            lineBreakBytes++;
            bareLineBreak = true;
            endLine();
        } else {
            currentLine++;
            if (b == 0) {
                nul = true;
            }
        }
    }

    ContentStats finish() {
        if (pendingCr) {
            bareLineBreak = true;
            pendingCr = false;
        }
        endLine();
        return this;
    }

    static ContentStats of(byte[] bytes) {
        ContentStats stats = new ContentStats();
        stats.update(bytes, 0, bytes.length);
        return stats.finish();
    }

    private void endLine() {
        longestLine = Math.max(longestLine, currentLine);
        currentLine = 0;
    }

    long size() {
        return size;
    }

    long longestLine() {
        return longestLine;
    }

    boolean eightBit() {
        return eightBit;
    }

    boolean nul() {
        return nul;
    }

    boolean bareLineBreak() {
        return bareLineBreak;
    }

    /**
     * Bytes quoted-printable always writes as {@code =XX}: controls other than TAB, CR and LF,
     * {@code =}, and bytes from 0x7F. (Trailing white space may be escaped too; not counted.)
     */
    long escapes() {
        return escapes;
    }

    /** CR and LF bytes, which binary quoted-printable escapes as well. */
    long lineBreakBytes() {
        return lineBreakBytes;
    }
}

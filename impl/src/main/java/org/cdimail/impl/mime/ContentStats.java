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

    void update(byte[] buffer, int offset, int length) {
        size += length;
        for (int i = offset; i < offset + length; i++) {
            int b = buffer[i] & 0xff;
            if (pendingCr) {
                pendingCr = false;
                if (b == '\n') {
                    continue;
                }
                bareLineBreak = true;
            }
            if (b == '\r') {
                pendingCr = true;
                endLine();
            } else if (b == '\n') {
                bareLineBreak = true;
                endLine();
            } else {
                currentLine++;
                if (b >= 0x80) {
                    eightBit = true;
                } else if (b == 0) {
                    nul = true;
                }
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
}

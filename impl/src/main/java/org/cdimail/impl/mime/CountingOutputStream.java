package org.cdimail.impl.mime;

import java.io.OutputStream;

/** Counts the bytes written to it and discards them: used to measure encoded sizes exactly. */
final class CountingOutputStream extends OutputStream {

    private long count;

    @Override
    public void write(int b) {
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        count += len;
    }

    long count() {
        return count;
    }
}

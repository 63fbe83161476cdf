package org.cdimail.impl.backend.smtp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import jakarta.mail.util.LineOutputStream;

/**
 * The stream a message is written to, already a {@link LineOutputStream}: Jakarta Mail 2.1 would
 * otherwise look its {@code StreamProvider} up (see {@link StreamProviderCache}) to wrap the
 * stream for the header lines of the message and of every body part. Writes header lines as
 * Angus Mail's own line stream does: chars as bytes, or UTF-8 when {@code mail.mime.allowutf8}
 * is set, each ended by CRLF; everything else passes straight through.
 */
final class HeaderLines extends FilterOutputStream implements LineOutputStream {

    private static final byte[] CRLF = { '\r', '\n' };
    /** Jakarta Mail reads the same system property once, for the same purpose. */
    private static final boolean ALLOW_UTF8 = Boolean.parseBoolean(System.getProperty("mail.mime.allowutf8"));

    HeaderLines(OutputStream out) {
        super(out);
    }

    @Override
    public void writeln(String line) throws IOException {
        out.write(bytes(line));
        out.write(CRLF);
    }

    @Override
    public void writeln() throws IOException {
        out.write(CRLF);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    /** Leaves the connection open: closing the message's stream is the transport's business. */
    @Override
    public void close() throws IOException {
        flush();
    }

    private static byte[] bytes(String line) {
        if (ALLOW_UTF8) {
            return line.getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[line.length()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) line.charAt(i); // as Jakarta Mail's ASCII conversion: the low byte of each char
        }
        return bytes;
    }
}

package org.cdimail.impl.backend.smtp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import jakarta.mail.util.LineOutputStream;

import org.cdimail.BadHeaderException;

/**
 * The stream a message is written to, already a {@link LineOutputStream}: Jakarta Mail 2.1 would
 * otherwise look its {@code StreamProvider} up (see {@link StreamProviderCache}) to wrap the
 * stream for the header lines of the message and of every body part. Writes header lines (and
 * multipart boundaries), each ended by CRLF; everything else passes straight through.
 *
 * <p>The last line of defence for header bytes: the renderer has checked every header, and a
 * line is still refused here, never truncated to its chars' low bytes, unless it is printable
 * US-ASCII, space and tab, with a CR only in a fold (CRLF followed by a space or tab). Jakarta
 * Mail's own line stream would write U+010A as a bare LF, which {@link DataStream} would then
 * turn into a real header line. UTF-8 headers ({@code mail.mime.allowutf8}) are refused as well:
 * cdi-mail does not use SMTPUTF8.
 */
final class HeaderLines extends FilterOutputStream implements LineOutputStream {

    private static final byte[] CRLF = { '\r', '\n' };

    /** Whether the server offers SMTPUTF8: header lines may then hold UTF-8 text (RFC 6532). */
    private final boolean utf8;

    HeaderLines(OutputStream out) {
        this(out, false);
    }

    HeaderLines(OutputStream out, boolean utf8) {
        super(out);
        this.utf8 = utf8;
    }

    /** A char beyond ASCII allowed in an RFC 6532 header line: no control, no white space or line separator. */
    static boolean isUtf8Text(char c) {
        return c >= 0xa0 && !Character.isSpaceChar(c) && !Character.isISOControl(c) && c != '\ufeff';
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

    /**
     * The line as bytes.
     *
     * @throws BadHeaderException naming the header when the line starts with a field name,
     *                            never quoting the line
     */
    private byte[] bytes(String line) {
        byte[] bytes = new byte[line.length()];
        boolean wide = false;
        for (int i = 0; i < bytes.length; i++) {
            char c = line.charAt(i);
            boolean fold = c == '\r' && i + 2 < bytes.length && line.charAt(i + 1) == '\n'
                    && (line.charAt(i + 2) == ' ' || line.charAt(i + 2) == '\t');
            if (fold) {
                bytes[i++] = '\r';
                bytes[i] = '\n';
            } else if (c == '\t' || (c >= 0x20 && c < 0x7f)) {
                bytes[i] = (byte) c;
            } else if (utf8 && isUtf8Text(c)) {
                wide = true;
            } else {
                throw new BadHeaderException(fieldName(line),
                        "a header line must be printable US-ASCII, folded with CRLF and white space; nothing was written");
            }
        }
        return wide ? line.getBytes(StandardCharsets.UTF_8) : bytes;
    }

    /** The field name the line starts with, if it has a valid one; it is never the value. */
    private static String fieldName(String line) {
        int colon = line.indexOf(':');
        if (colon < 1) {
            return "(unnamed)";
        }
        String name = line.substring(0, colon);
        // No '@': a name that looks like an address is not echoed either.
        return name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '@') ? name : "(unnamed)";
    }
}

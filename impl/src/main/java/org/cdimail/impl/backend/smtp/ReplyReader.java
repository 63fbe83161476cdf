package org.cdimail.impl.backend.smtp;

import static org.cdimail.impl.ImplError.MALFORMED_REPLY;
import static org.cdimail.impl.ImplError.REPLY_LINE_TOO_LONG;
import static org.cdimail.impl.ImplError.REPLY_TIMEOUT;
import static org.cdimail.impl.ImplError.REPLY_TOO_LONG;
import static org.cdimail.impl.ImplError.SERVER_CLOSED_CONNECTION;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Reads SMTP replies (RFC 5321 4.2) from a server, bounded in memory and in time whatever the
 * server does: a line <em>must not</em> exceed {@link Limits#lineBytes()}, a reply
 * {@link Limits#lines()} lines nor {@link Limits#replyBytes()} bytes, and a whole reply
 * <em>must</em> arrive within the deadline given to {@link #read}: a server dripping one byte
 * just inside a read timeout cannot hold a caller longer than that deadline, since every read is
 * given only what remains of it.
 *
 * <p>Memory: one line buffer of {@link Limits#lineBytes()} and one read buffer; a reply's text
 * is kept only when asked for, and then at most {@link Limits#lines()} strings of at most
 * {@link Limits#lineBytes()} characters. Failures are {@link IOException}s whose messages carry
 * an id and the limit, never the server's text. Not thread-safe.
 */
final class ReplyReader {

    /** Where the bytes come from: a read that gives up after {@code timeoutMillis} (at least 1). */
    @FunctionalInterface
    interface Source {
        /**
         * Reads like {@link java.io.InputStream#read(byte[], int, int)}, waiting at most
         * {@code timeoutMillis}.
         *
         * @return the number of bytes read, or -1 at the end of the stream
         * @throws SocketTimeoutException if nothing came in time
         */
        int read(byte[] buffer, int offset, int length, int timeoutMillis) throws IOException;
    }

    /**
     * The bounds of one reply.
     *
     * @param lineBytes  the longest line, without its CRLF (RFC 5321 says 512; servers go beyond)
     * @param lines      the most lines in one reply (an {@code EHLO} reply has one per extension)
     * @param replyBytes the most bytes in one reply, line ends included
     */
    record Limits(int lineBytes, int lines, int replyBytes) {
        /** 4 KiB lines, 256 lines, 64 KiB in all: far above any real server, far below harm. */
        static final Limits DEFAULT = new Limits(4096, 256, 64 * 1024);
    }

    /** How much of a reply's text to keep. */
    enum Text {
        /** None: only the code (and the enhanced code of a refusal). */
        NONE,
        /** The last line's text: enough for a queue id. */
        LAST_LINE,
        /** Every line's text: for {@code EHLO}. */
        ALL_LINES
    }

    /**
     * One reply.
     *
     * @param code     the three-digit reply code
     * @param enhanced the RFC 3463 enhanced status code of a 4xx or 5xx reply when its first line
     *                 starts with one ({@code 5.1.1}), else {@code null}
     * @param lines    the text after the code of each line kept, as {@link Text} asked; printable
     *                 ASCII only (anything else is replaced by {@code ?})
     */
    record Reply(int code, String enhanced, List<String> lines) {
        /** The last line kept, or the empty string. */
        String lastLine() {
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    private final Source source;
    private final Limits limits;
    private final LongSupplier nanoClock;
    private final byte[] line;
    private final byte[] buffer = new byte[8192];
    private int at;
    private int end;

    ReplyReader(Source source, Limits limits) {
        this(source, limits, System::nanoTime);
    }

    /** With a clock of its own, for tests. */
    ReplyReader(Source source, Limits limits, LongSupplier nanoClock) {
        this.source = source;
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.line = new byte[limits.lineBytes()];
    }

    /**
     * Forgets whatever was read and not parsed yet: after {@code STARTTLS}, anything the server
     * sent in plain text beyond its {@code 220} must not be taken for a reply sent over TLS (RFC
     * 3207 5).
     */
    void discardBuffered() {
        at = 0;
        end = 0;
    }

    /**
     * Reads one whole reply.
     *
     * @param text          how much of its text to keep
     * @param deadlineNanos when, in {@link System#nanoTime()} terms, the reply must be complete
     * @return the reply
     * @throws SocketTimeoutException if it is not complete by the deadline
     * @throws EOFException           if the server closed the connection
     * @throws IOException            if the reply is malformed or exceeds a limit
     */
    Reply read(Text text, long deadlineNanos) throws IOException {
        List<String> lines = text == Text.NONE ? List.of() : new ArrayList<>(text == Text.ALL_LINES ? 8 : 1);
        int count = 0;
        int bytes = 0;
        int code = -1;
        String enhanced = null;
        while (true) {
            int length = readLine(deadlineNanos, limits.replyBytes() - bytes);
            bytes += length + 2;
            count++;
            if (count > limits.lines()) {
                throw new IOException(REPLY_TOO_LONG.message("SMTP reply of more than " + limits.lines() + " lines"));
            }
            int lineCode = codeOf(length);
            if (code < 0) {
                code = lineCode;
                enhanced = code >= 400 ? enhancedCode(length) : null;
            } else if (lineCode != code) {
                throw malformed();
            }
            boolean last = length == 3 || line[3] == ' ';
            if (!last && line[3] != '-') {
                throw malformed();
            }
            if (text == Text.ALL_LINES || (text == Text.LAST_LINE && last)) {
                lines.add(printable(length));
            }
            if (last) {
                return new Reply(code, enhanced, text == Text.NONE ? List.of() : List.copyOf(lines));
            }
        }
    }

    private int codeOf(int length) throws IOException {
        if (length < 3) {
            throw malformed();
        }
        int code = 0;
        for (int i = 0; i < 3; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) {
                throw malformed();
            }
            code = code * 10 + d;
        }
        if (code < 200 || code > 599) {
            throw malformed();
        }
        return code;
    }

    /** "5.1.1" from "550 5.1.1 ...", when the class matches the code's first digit. */
    private String enhancedCode(int length) {
        int i = 4;
        int start = i;
        if (length <= i || line[i] != line[0]) {
            return null;
        }
        i++;
        for (int part = 0; part < 2; part++) {
            if (i >= length || line[i] != '.') {
                return null;
            }
            i++;
            int digits = 0;
            while (i < length && line[i] >= '0' && line[i] <= '9' && digits < 4) {
                i++;
                digits++;
            }
            if (digits < 1 || digits > 3) {
                return null;
            }
        }
        if (i < length && line[i] != ' ') {
            return null;
        }
        return new String(line, start, i - start, StandardCharsets.US_ASCII);
    }

    private String printable(int length) {
        if (length <= 4) {
            return "";
        }
        char[] chars = new char[length - 4];
        for (int i = 4; i < length; i++) {
            int b = line[i] & 0xff;
            chars[i - 4] = b >= 0x20 && b < 0x7f ? (char) b : '?';
        }
        return new String(chars);
    }

    /** Reads a line into {@link #line} without its CRLF (or LF); returns its length. */
    private int readLine(long deadlineNanos, int bytesLeft) throws IOException {
        int length = 0;
        while (true) {
            if (at == end) {
                fill(deadlineNanos);
                continue;
            }
            byte b = buffer[at++];
            if (b == '\n') {
                return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
            }
            if (length == line.length) {
                throw new IOException(REPLY_LINE_TOO_LONG.message("SMTP reply line longer than " + line.length
                        + " bytes"));
            }
            if (length + 2 > bytesLeft) {
                throw new IOException(REPLY_TOO_LONG.message("SMTP reply longer than " + limits.replyBytes()
                        + " bytes"));
            }
            line[length++] = b;
        }
    }

    private void fill(long deadlineNanos) throws IOException {
        long remaining = deadlineNanos - nanoClock.getAsLong();
        if (remaining <= 0) {
            throw timedOut();
        }
        int timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (remaining + 999_999) / 1_000_000));
        int count;
        try {
            count = source.read(buffer, 0, buffer.length, timeout);
        } catch (SocketTimeoutException e) {
            throw timedOut();
        }
        if (count < 0) {
            throw new EOFException(SERVER_CLOSED_CONNECTION.message("the SMTP server closed the connection"));
        }
        at = 0;
        end = count;
    }

    private static SocketTimeoutException timedOut() {
        return new SocketTimeoutException(
                REPLY_TIMEOUT.message("no complete SMTP reply within the timeout (mail.timeout)"));
    }

    private static IOException malformed() {
        return new IOException(MALFORMED_REPLY.message("malformed SMTP reply"));
    }
}

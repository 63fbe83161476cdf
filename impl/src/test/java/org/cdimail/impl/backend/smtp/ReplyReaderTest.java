package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.cdimail.impl.backend.smtp.ReplyReader.Limits;
import org.cdimail.impl.backend.smtp.ReplyReader.Reply;
import org.cdimail.impl.backend.smtp.ReplyReader.Text;

/** The reply reader alone: every hostile reply ends within its limits of size and time. */
class ReplyReaderTest {

    private static final long FAR = Long.MAX_VALUE / 2;

    /** A source serving {@code text} in chunks of at most {@code chunk} bytes, then the end of the stream. */
    private static ReplyReader.Source serving(String text, int chunk) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        int[] at = { 0 };
        return (buffer, offset, length, timeout) -> {
            if (at[0] == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, chunk), bytes.length - at[0]);
            System.arraycopy(bytes, at[0], buffer, offset, n);
            at[0] += n;
            return n;
        };
    }

    @Test
    void readsAMultiLineReplyWithItsEnhancedCode() throws IOException {
        ReplyReader reader = new ReplyReader(serving("550-5.1.1 first\r\n550 5.1.1 no such user\r\n", 3), Limits.DEFAULT);
        Reply reply = reader.read(Text.ALL_LINES, FAR);
        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.enhanced()).isEqualTo("5.1.1");
        assertThat(reply.lines()).containsExactly("5.1.1 first", "5.1.1 no such user");
    }

    @Test
    void keepsNoTextUnlessAskedAndReplacesControlCharacters() throws IOException {
        ReplyReader reader = new ReplyReader(serving("250 ok\r\n250 bad\u001b[31m\r\n", 64), Limits.DEFAULT);
        assertThat(reader.read(Text.NONE, FAR).lines()).isEmpty();
        assertThat(reader.read(Text.LAST_LINE, FAR).lastLine()).isEqualTo("bad?[31m");
    }

    @Test
    void endlessContinuationLinesFailAtTheLineLimitHavingReadOnlyThat() {
        AtomicLong served = new AtomicLong();
        byte[] line = "250-X-ENDLESS\r\n".getBytes(StandardCharsets.US_ASCII);
        ReplyReader.Source endless = (buffer, offset, length, timeout) -> {
            int n = Math.min(length, line.length);
            System.arraycopy(line, 0, buffer, offset, n);
            served.addAndGet(n);
            return n;
        };
        Throwable failure = catchThrowable(() -> new ReplyReader(endless, new Limits(4096, 100, 64 * 1024))
                .read(Text.ALL_LINES, FAR));
        assertThat(failure).isInstanceOf(IOException.class).hasMessageStartingWith("CDIMAIL-00301");
        assertThat(served.get()).isLessThanOrEqualTo(101L * line.length);
    }

    @Test
    void aReplyBeyondItsByteLimitFails() {
        String many = "250-" + "x".repeat(1000) + "\r\n";
        Throwable failure = catchThrowable(() -> new ReplyReader(serving(many.repeat(100), 8192),
                new Limits(4096, 1000, 16 * 1024)).read(Text.NONE, FAR));
        assertThat(failure).isInstanceOf(IOException.class).hasMessageStartingWith("CDIMAIL-00301");
    }

    @Test
    void aLineBeyondItsLimitFails() {
        Throwable failure = catchThrowable(() -> new ReplyReader(serving("250 " + "x".repeat(5000) + "\r\n", 8192),
                Limits.DEFAULT).read(Text.NONE, FAR));
        assertThat(failure).isInstanceOf(IOException.class).hasMessageStartingWith("CDIMAIL-00300");
    }

    @Test
    void aReplyDrippedJustInsideEachReadTimeoutFailsAtTheReplysDeadline() {
        // Each read returns one byte after 1.5 s of a clock the source advances: inside a 2 s read timeout,
        // yet the whole reply is due 2 s after it was asked for.
        AtomicLong now = new AtomicLong();
        byte[] greeting = "220 slow.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII);
        int[] at = { 0 };
        int[] reads = { 0 };
        ReplyReader.Source drip = (buffer, offset, length, timeoutMillis) -> {
            reads[0]++;
            long wait = Duration.ofMillis(1500).toNanos();
            if (Duration.ofMillis(timeoutMillis).toNanos() < wait) {
                now.addAndGet(Duration.ofMillis(timeoutMillis).toNanos());
                throw new SocketTimeoutException();
            }
            now.addAndGet(wait);
            buffer[offset] = greeting[at[0]++];
            return 1;
        };
        ReplyReader reader = new ReplyReader(drip, Limits.DEFAULT, now::get);
        Throwable failure = catchThrowable(() -> reader.read(Text.NONE, now.get() + Duration.ofSeconds(2).toNanos()));
        assertThat(failure).isInstanceOf(SocketTimeoutException.class).hasMessageStartingWith("CDIMAIL-00302");
        assertThat(reads[0]).isLessThanOrEqualTo(2);
        assertThat(now.get()).isLessThanOrEqualTo(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void theEndOfTheStreamIsAnEofAndGarbageIsMalformed() {
        assertThat(catchThrowable(() -> new ReplyReader(serving("250-partial\r\n", 64), Limits.DEFAULT)
                .read(Text.NONE, FAR))).isInstanceOf(EOFException.class);
        assertThat(catchThrowable(() -> new ReplyReader(serving("HTTP/1.1 400\r\n", 64), Limits.DEFAULT)
                .read(Text.NONE, FAR))).hasMessageStartingWith("CDIMAIL-00298");
        assertThat(catchThrowable(() -> new ReplyReader(serving("250-a\r\n550 b\r\n", 64), Limits.DEFAULT)
                .read(Text.NONE, FAR))).hasMessageStartingWith("CDIMAIL-00298");
    }
}

package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link DataStream}: the transparency (dot-stuffing) and CRLF line ends of SMTP content (RFC 5321
 * 2.3.8 and 4.5.2), however the content is cut into {@code write} calls.
 */
class DataStreamTest {

    /** Writes each piece in its own {@code write(byte[], int, int)} call, then finishes. */
    private static String transmit(String... pieces) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DataStream data = new DataStream(sink);
        for (String piece : pieces) {
            byte[] bytes = piece.getBytes(StandardCharsets.ISO_8859_1);
            data.write(bytes, 0, bytes.length);
        }
        data.finish();
        return sink.toString(StandardCharsets.ISO_8859_1);
    }

    /** Writes every byte through {@code write(int)}, then finishes. */
    private static String transmitByteByByte(byte[] content) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DataStream data = new DataStream(sink);
        for (byte b : content) {
            data.write(b);
        }
        data.finish();
        return sink.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aDotAtTheStartOfTheMessageIsDoubled() throws IOException {
        assertThat(transmit(".hidden\r\n")).isEqualTo("..hidden\r\n.\r\n");
        assertThat(transmit(".")).isEqualTo("..\r\n.\r\n");
    }

    @Test
    void aDotAfterCrlfIsDoubled() throws IOException {
        assertThat(transmit("a\r\n.b\r\n")).isEqualTo("a\r\n..b\r\n.\r\n");
        assertThat(transmit("a\r\n.\r\nb")).isEqualTo("a\r\n..\r\nb\r\n.\r\n");
    }

    @Test
    void aDotAfterABareLfIsDoubledAndTheLfBecomesCrlf() throws IOException {
        assertThat(transmit("a\n.b\n")).isEqualTo("a\r\n..b\r\n.\r\n");
    }

    @Test
    void aDotAfterABareCrIsDoubledAndTheCrBecomesCrlf() throws IOException {
        assertThat(transmit("a\r.b\r")).isEqualTo("a\r\n..b\r\n.\r\n");
    }

    @Test
    void dotsInsideALineAreLeftAlone() throws IOException {
        assertThat(transmit("a.b..c.\r\n")).isEqualTo("a.b..c.\r\n.\r\n");
    }

    @Test
    void everyDotStartingALineIsDoubledOnceWhateverFollows() throws IOException {
        assertThat(transmit("..\r\n...\r\n. x\r\n")).isEqualTo("...\r\n....\r\n.. x\r\n.\r\n");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "|", value = {
            "a\\nb|a\\r\\nb\\r\\n",
            "a\\rb|a\\r\\nb\\r\\n",
            "a\\n\\nb|a\\r\\n\\r\\nb\\r\\n",
            "a\\r\\rb|a\\r\\n\\r\\nb\\r\\n",
            "a\\n\\rb|a\\r\\n\\r\\nb\\r\\n",
            "a\\r\\n\\rb|a\\r\\n\\r\\nb\\r\\n",
            "\\n|\\r\\n",
            "\\r|\\r\\n",
            "\\r\\n|\\r\\n" })
    void bareLfAndBareCrBecomeCrlfAndCrlfStaysOne(String input, String expectedBeforeTheDot) throws IOException {
        assertThat(transmit(unescape(input))).isEqualTo(unescape(expectedBeforeTheDot) + ".\r\n");
    }

    @Test
    void aCrlfSplitAcrossTwoWritesIsExactlyOneCrlf() throws IOException {
        assertThat(transmit("a\r", "\nb")).isEqualTo("a\r\nb\r\n.\r\n");
        assertThat(transmit("a\r", "\n", "b")).isEqualTo("a\r\nb\r\n.\r\n");
        assertThat(transmit("\r", "\n")).isEqualTo("\r\n.\r\n");
    }

    @Test
    void aDotAfterASplitCrlfIsDoubled() throws IOException {
        assertThat(transmit("a\r", "\n.b")).isEqualTo("a\r\n..b\r\n.\r\n");
        assertThat(transmit("a\r", "\n", ".b")).isEqualTo("a\r\n..b\r\n.\r\n");
        assertThat(transmit("a\r", ".b")).isEqualTo("a\r\n..b\r\n.\r\n");
    }

    @Test
    void aCrEndingOneWriteAndACrStartingTheNextAreTwoLineBreaks() throws IOException {
        assertThat(transmit("a\r", "\rb")).isEqualTo("a\r\n\r\nb\r\n.\r\n");
        assertThat(transmit("a\r", "\r", "\n", "b")).isEqualTo("a\r\n\r\nb\r\n.\r\n");
    }

    @Test
    void anLfInALaterWriteAfterACrlfIsAnotherLineBreak() throws IOException {
        assertThat(transmit("a\r\n", "\nb")).isEqualTo("a\r\n\r\nb\r\n.\r\n");
        assertThat(transmit("a\r", "\n", "\n")).isEqualTo("a\r\n\r\n.\r\n");
    }

    @Test
    void finishEndsAnUnterminatedLastLineThenWritesTheFinalDot() throws IOException {
        assertThat(transmit("last line")).isEqualTo("last line\r\n.\r\n");
        assertThat(transmit("last line\r\n")).isEqualTo("last line\r\n.\r\n");
        assertThat(transmit("last line\n")).isEqualTo("last line\r\n.\r\n");
        assertThat(transmit("last line\r")).isEqualTo("last line\r\n.\r\n");
        assertThat(transmit("last line\r", "\n")).isEqualTo("last line\r\n.\r\n");
    }

    @Test
    void anEmptyMessageIsOnlyTheFinalDot() throws IOException {
        assertThat(transmit()).isEqualTo(".\r\n");
        assertThat(transmit("")).isEqualTo(".\r\n");
    }

    @Test
    void onlyTheGivenRangeOfTheArrayIsWritten() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DataStream data = new DataStream(sink);
        byte[] bytes = "xx\r.a\nyy".getBytes(StandardCharsets.ISO_8859_1);
        data.write(bytes, 2, 4); // "\r.a\n", after an unseen "xx"
        data.finish();
        assertThat(sink.toString(StandardCharsets.ISO_8859_1)).isEqualTo("\r\n..a\r\n.\r\n");
    }

    @Test
    void anLfAtTheStartOfAWriteIsNotJoinedToACrOutsideItsRange() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DataStream data = new DataStream(sink);
        byte[] bytes = "a\r\nb".getBytes(StandardCharsets.ISO_8859_1);
        data.write(bytes, 0, 1); // "a"
        data.write(bytes, 2, 2); // "\nb": the CR before it was never written
        data.finish();
        assertThat(sink.toString(StandardCharsets.ISO_8859_1)).isEqualTo("a\r\nb\r\n.\r\n");
    }

    @Test
    void closingLeavesTheConnectionOpen() throws IOException {
        boolean[] closed = { false };
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        DataStream data = new DataStream(sink);
        data.write('x');
        data.close();
        assertThat(closed[0]).isFalse();
    }

    @Test
    void writingByteByByteGivesWhatWritingArraysGives() throws IOException {
        String content = ".a\r\n.\r\n\r.\n.b\r\r\n\n..c\r";
        byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(transmitByteByByte(bytes)).isEqualTo(transmit(content)).isEqualTo(reference(bytes));
    }

    /**
     * Thousands of random contents of dots, CRs, LFs and letters, cut at random points: the output
     * is the reference transformation, contains only CRLF line ends, ends with the final dot,
     * un-stuffs back to the input with CRLF line ends, and does not depend on the cuts.
     */
    @Test
    void randomContentCutAnywhereMatchesTheReferenceAndUnstuffsBackToTheInput() throws IOException {
        Random random = new Random(20240611L);
        byte[] alphabet = { '.', '\r', '\n', 'a' };
        for (int round = 0; round < 20_000; round++) {
            byte[] content = new byte[random.nextInt(40)];
            for (int i = 0; i < content.length; i++) {
                content[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String expected = reference(content);
            String description = "round " + round + ", content " + Arrays.toString(content);

            String cut = transmitCut(content, random);
            assertThat(cut).as(description).isEqualTo(expected);
            assertThat(transmitByteByByte(content)).as(description).isEqualTo(expected);
            assertThat(onlyCrlfLineEnds(cut)).as(description).isTrue();
            assertThat(cut).as(description).endsWith(content.length == 0 ? ".\r\n" : "\r\n.\r\n");
            assertThat(unstuff(cut)).as(description).isEqualTo(terminated(normalise(content)));
        }
    }

    /** Writes {@code content} in random pieces (some empty), each at a random offset of a larger array. */
    private static String transmitCut(byte[] content, Random random) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DataStream data = new DataStream(sink);
        int at = 0;
        while (at < content.length) {
            int length = random.nextInt(content.length - at + 1);
            int padding = random.nextInt(3);
            byte[] piece = new byte[padding + length + random.nextInt(3)];
            Arrays.fill(piece, (byte) '\r'); // junk outside the range must not count
            System.arraycopy(content, at, piece, padding, length);
            data.write(piece, padding, length);
            at += length;
        }
        data.finish();
        return sink.toString(StandardCharsets.ISO_8859_1);
    }

    // --- the reference: written as plainly as possible -----------------------------------------

    /** CRLF, a lone CR and a lone LF each become one CRLF. */
    private static String normalise(byte[] content) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.length; i++) {
            char c = (char) (content[i] & 0xff);
            if (c == '\r') {
                text.append("\r\n");
                if (i + 1 < content.length && content[i + 1] == '\n') {
                    i++;
                }
            } else if (c == '\n') {
                text.append("\r\n");
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    /** Ends an unterminated last line. */
    private static String terminated(String normalised) {
        return normalised.isEmpty() || normalised.endsWith("\r\n") ? normalised : normalised + "\r\n";
    }

    /** Normalises, doubles each line's leading dot, ends the last line, adds the final dot. */
    private static String reference(byte[] content) {
        String text = terminated(normalise(content));
        StringBuilder stuffed = new StringBuilder();
        for (String line : lines(text)) {
            stuffed.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        return stuffed.append(".\r\n").toString();
    }

    /** What a server does (RFC 5321 4.5.2): up to the lone-dot line, drops each line's first dot. */
    private static String unstuff(String transmitted) {
        StringBuilder content = new StringBuilder();
        for (String line : lines(transmitted)) {
            if (line.equals(".")) {
                return content.toString();
            }
            content.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        throw new AssertionError("no final dot in " + transmitted);
    }

    /** The lines of CRLF-terminated text, without their CRLF. */
    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf("\r\n"); end >= 0; end = text.indexOf("\r\n", start)) {
            lines.add(text.substring(start, end));
            start = end + 2;
        }
        assertThat(start).as("text ends with CRLF").isEqualTo(text.length());
        return lines;
    }

    private static boolean onlyCrlfLineEnds(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                return false;
            }
            if (c == '\n' && (i == 0 || text.charAt(i - 1) != '\r')) {
                return false;
            }
        }
        return true;
    }

    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n");
    }
}

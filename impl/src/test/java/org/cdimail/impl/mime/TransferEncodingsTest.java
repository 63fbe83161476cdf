package org.cdimail.impl.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import jakarta.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The helpers behind the transfer-encoding choice, checked against Jakarta Mail's own codecs. */
class TransferEncodingsTest {

    /** The size used to compare with quoted-printable must be exactly what Jakarta Mail writes. */
    @Test
    void predictsTheExactBase64SizeJakartaMailWrites() throws Exception {
        Random random = new Random(7);
        for (int size = 0; size <= 400; size++) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            ByteArrayOutputStream encoded = new ByteArrayOutputStream();
            OutputStream encoder = MimeUtility.encode(encoded, "base64");
            encoder.write(data);
            encoder.flush();
            assertThat(TransferEncodings.base64Size(size)).as("size %d", size).isEqualTo(encoded.size());
        }
    }

    /** Binary quoted-printable keeps every byte, CR and LF included, in lines of at most 76 characters. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 74, 75, 76, 77, 78, 1000, 5000})
    void roundTripsEveryByteThroughBinaryQuotedPrintable(int size) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        for (int i = 0; i < size; i += 7) {
            data[i] = (byte) (i % 3 == 0 ? '\n' : i % 3 == 1 ? '\r' : ' ');
        }
        if (size > 1) {
            data[size - 1] = ' ';
            data[size - 2] = '\t';
        }
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        BinaryQuotedPrintableOutputStream encoder = new BinaryQuotedPrintableOutputStream(encoded);
        encoder.write(data);
        encoder.finish();

        String text = encoded.toString(StandardCharsets.US_ASCII);
        assertThat(text.split("\r\n", -1)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        assertThat(text.chars()).allMatch(c -> c == '\r' || c == '\n' || c == ' ' || c == '\t' || (c >= 33 && c <= 126));
        assertThat(text).doesNotEndWith(" ").doesNotEndWith("\t").doesNotContain(" \r\n").doesNotContain("\t\r\n");
        try (InputStream decoder = MimeUtility.decode(new ByteArrayInputStream(encoded.toByteArray()),
                "quoted-printable")) {
            assertThat(decoder.readAllBytes()).containsExactly(data);
        }
    }

    /** Lone CR, lone LF and CRLF all become CRLF; nothing else changes. */
    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "a\r\nb", "\n\n", "\r\r", "\r\n\r\n", "\r", "\n", "plain", "", "x\r\n\ny\r"})
    void normalisesLineBreaksToCrlfWhenStreaming(String input) throws Exception {
        String expected = input.replaceAll("\r\n|\r|\n", "\r\n");
        try (InputStream in = new CrlfInputStream(new ByteArrayInputStream(input.getBytes(StandardCharsets.US_ASCII)))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
    }

    /** The statistics see every kind of line break, the longest line, 8-bit bytes and NUL. */
    @Test
    void measuresLinesAndBytes() {
        ContentStats crlf = ContentStats.of("abc\r\nabcdef\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(crlf.longestLine()).isEqualTo(6);
        assertThat(crlf.bareLineBreak()).isFalse();
        assertThat(crlf.eightBit()).isFalse();

        ContentStats bare = ContentStats.of("abcdefgh\nab\r".getBytes(StandardCharsets.US_ASCII));
        assertThat(bare.longestLine()).isEqualTo(8);
        assertThat(bare.bareLineBreak()).isTrue();

        ContentStats binary = ContentStats.of(new byte[] {0, (byte) 0xff});
        assertThat(binary.nul()).isTrue();
        assertThat(binary.eightBit()).isTrue();
    }
}

package org.cdimail.impl.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The canonicalization algorithms against RFC 6376's examples (3.4.5) and their edge cases. */
class DkimCanonicalizationTest {

    /** RFC 6376 3.4.5: the message {@code A: X}, {@code B : Y<HT><CRLF><HT>Z  }, body " C \r\nD \t E\r\n\r\n\r\n". */
    private static final String RFC_BODY = " C \r\nD \t E\r\n\r\n\r\n";
    private static final List<String> RFC_FIELDS = List.of("A: X", "B : Y\t\r\n\tZ  ");

    private static String body(Canonicalization c, String body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BodyCanonicalizer canonical = c.body(out);
        canonical.write(body.getBytes(StandardCharsets.ISO_8859_1));
        canonical.finish();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** The same body written one byte at a time: the stream must not depend on how it is cut. */
    private static String bodyBytewise(Canonicalization c, String body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BodyCanonicalizer canonical = c.body(out);
        for (byte b : body.getBytes(StandardCharsets.ISO_8859_1)) {
            canonical.write(b);
        }
        canonical.finish();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void relaxedHeadersMatchRfc6376Example() {
        assertThat(RFC_FIELDS.stream().map(Canonicalization.RELAXED::header))
                .containsExactly("a:X\r\n", "b:Y Z\r\n");
    }

    @Test
    void relaxedBodyMatchesRfc6376Example() throws IOException {
        assertThat(body(Canonicalization.RELAXED, RFC_BODY)).isEqualTo(" C\r\nD E\r\n");
        assertThat(bodyBytewise(Canonicalization.RELAXED, RFC_BODY)).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void simpleHeadersAndBodyMatchRfc6376Example() throws IOException {
        assertThat(RFC_FIELDS.stream().map(Canonicalization.SIMPLE::header))
                .containsExactly("A: X\r\n", "B : Y\t\r\n\tZ  \r\n");
        assertThat(body(Canonicalization.SIMPLE, RFC_BODY)).isEqualTo(" C \r\nD \t E\r\n");
    }

    @Test
    void anEmptyBodyIsCrlfForSimpleAndNothingForRelaxed() throws IOException {
        assertThat(body(Canonicalization.SIMPLE, "")).isEqualTo("\r\n");
        assertThat(body(Canonicalization.RELAXED, "")).isEmpty();
        assertThat(body(Canonicalization.SIMPLE, "\r\n\r\n")).isEqualTo("\r\n");
        assertThat(body(Canonicalization.RELAXED, "\r\n \t\r\n\r\n")).isEmpty();
    }

    @Test
    void trailingEmptyLinesAreDroppedButInnerOnesKept() throws IOException {
        assertThat(body(Canonicalization.RELAXED, "a\r\n\r\n \r\nb\r\n\r\n\r\n")).isEqualTo("a\r\n\r\n\r\nb\r\n");
        assertThat(body(Canonicalization.SIMPLE, "a\r\n\r\n \r\nb\r\n\r\n\r\n")).isEqualTo("a\r\n\r\n \r\nb\r\n");
    }

    @Test
    void aBodyWithoutFinalLineBreakGetsOne() throws IOException {
        assertThat(body(Canonicalization.SIMPLE, "end")).isEqualTo("end\r\n");
        assertThat(body(Canonicalization.RELAXED, "end \t ")).isEqualTo("end\r\n");
    }

    @Test
    void relaxedReducesWhiteSpaceRunsAndDropsThemAtLineEnds() throws IOException {
        assertThat(body(Canonicalization.RELAXED, "\t\ta  \t b\t\r\n  \r\n")).isEqualTo(" a b\r\n");
        assertThat(bodyBytewise(Canonicalization.RELAXED, "\t\ta  \t b\t\r\n  \r\n")).isEqualTo(" a b\r\n");
    }

    @Test
    void aLoneCrIsContent() throws IOException {
        assertThat(body(Canonicalization.RELAXED, "a\rb\r\n")).isEqualTo("a\rb\r\n");
    }

    @Test
    void relaxedHeaderUnfoldsAndTrims() {
        assertThat(Canonicalization.RELAXED.header("Subject:   Hello\r\n\t  world  \t"))
                .isEqualTo("subject:Hello world\r\n");
        assertThat(Canonicalization.RELAXED.header("DKIM-Signature: v=1;\r\n\tb=")).isEqualTo("dkim-signature:v=1; b=\r\n");
    }

    @Test
    void renderedPartsSplitsHeaderFromBodyAndMakesLineBreaksCrlf() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RenderedParts parts = new RenderedParts(Canonicalization.SIMPLE.body(out));
        byte[] message = "From: a@example.com\r\nSubject: x\r\n y\r\n\r\nline\nnext\rlast\r".getBytes(
                StandardCharsets.US_ASCII);
        parts.write(message, 0, 30);
        parts.write(message, 30, message.length - 30);
        parts.finish();
        assertThat(parts.fields()).containsExactly("From: a@example.com", "Subject: x\r\n y");
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("line\r\nnext\r\nlast\r\n");
    }

    @Test
    void signedHeadersListPresentFieldsBottomUpAndOverSignFrom() {
        SignedHeaders signed = SignedHeaders.of(List.of("Received: x", "From: a@example.com", "To: b@example.org",
                "To: c@example.org", "X-Other: y", "Subject: s"));
        assertThat(signed.names()).containsExactly("from", "from", "subject", "to", "to");
        assertThat(signed.fields()).containsExactly("From: a@example.com", "Subject: s", "To: c@example.org",
                "To: b@example.org");
    }
}

package org.cdimail.impl.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.cdimail.EmailAttachment;
import org.cdimail.EmailMessage;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.impl.mime.RenderSettings;

/**
 * Issue 12, fuzzed: whatever header values, display names, local parts, Content-IDs, file names
 * and MIME type parameters a message is given, every header byte rendered is printable US-ASCII,
 * SP or HT, folded lines are CRLF followed by white space, and each part has exactly the headers
 * a message of the same shape with harmless values has: nothing is injected. A value may be
 * refused instead, with an {@link IllegalArgumentException} that never quotes the address.
 *
 * <p>{@code mvn verify} runs this in Jazzer's regression mode, once per file of the seed corpus
 * in {@code HeaderBytesFuzzTestInputs/rendersOnlyPrintableAsciiHeaders} (the known attacks);
 * {@code docs/internals.md} says how to fuzz for real.
 */
class HeaderBytesFuzzTest {

    private static final MimeRenderer RENDERER = new MimeRenderer(RenderSettings.defaults().withDnsName("fuzz.example"));

    /** The values an input gives, in this order, one per line of UTF-8 text; missing lines are empty. */
    private record Fields(String headerValue, String displayName, String localPart, String contentId,
            String filename, String typeParameters) {

        static Fields of(byte[] input) {
            String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", -1);
            String[] fields = new String[6];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = i < lines.length ? lines[i] : "";
            }
            return new Fields(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
        }

        /** The same shape (display name, Content-ID, file name present or not) with harmless values. */
        Fields harmless() {
            return new Fields("value", displayName.isEmpty() ? "" : "Name", "to", contentId.isEmpty() ? "" : "cid",
                    filename.isEmpty() ? "" : "file.bin", "");
        }

        String address() {
            String local = localPart.isEmpty() ? "to" : localPart;
            return displayName.isEmpty() ? local + "@example.com"
                    : "\"" + displayName.replace("\\", "\\\\").replace("\"", "\\\"") + "\" <" + local + "@example.com>";
        }

        EmailMessage message() {
            EmailAttachment attachment = EmailAttachment.of(filename.isEmpty() ? null : filename, new byte[] {1, 2, 3},
                    "application/x-fuzz" + (typeParameters.isEmpty() ? "" : "; " + typeParameters));
            return EmailMessage.builder().subject(headerValue).body("Body").from("from@example.com").to(address())
                    .header("X-Fuzz", headerValue)
                    .attach(contentId.isEmpty() ? attachment : attachment.inline(contentId)).build();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void rendersOnlyPrintableAsciiHeaders(byte[] input) throws IOException {
        Fields fields = Fields.of(input);
        byte[] rendered;
        try {
            rendered = render(fields.message());
        } catch (IllegalArgumentException e) {
            // Refused, BadHeaderException included: fine, as long as the address is not echoed.
            assertThat(String.valueOf(e.getMessage())).doesNotContain(fields.localPart() + "@example.com");
            return;
        }
        List<HeaderBlocks.Block> blocks = HeaderBlocks.check(rendered);
        List<HeaderBlocks.Block> expected = HeaderBlocks.check(render(fields.harmless().message()));
        assertThat(blocks).isEqualTo(expected);
    }

    private static byte[] render(EmailMessage message) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RENDERER.writeTo(message, out);
        return out.toByteArray();
    }
}

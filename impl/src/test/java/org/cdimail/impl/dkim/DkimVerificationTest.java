package org.cdimail.impl.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cdimail.EmailAttachment;
import org.cdimail.EmailMessage;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.impl.mime.RenderSettings;

/**
 * Messages signed by cdi-mail verify with an independent verifier (dkimpy, {@link
 * PythonDkimVerifier}), for both algorithms and both on one message; a message changed by one
 * byte of its body, or given a second From, does not.
 */
class DkimVerificationTest {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d, 'I', 'H',
        'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, (byte) 0xc4, (byte) 0x89 };

    @TempDir
    Path dir;

    private static byte[] signed(EmailMessage message, Canonicalization header, Canonicalization body,
            DkimTestKeys... keys) throws IOException {
        List<DkimSigner.Selector> selectors = new ArrayList<>();
        for (DkimTestKeys key : keys) {
            selectors.add(new DkimSigner.Selector(key.selector(), PemKeys.parse(key.pem(), "mail.dkim.private-key")));
        }
        DkimSigner signer = new DkimSigner(DkimTestKeys.DOMAIN, selectors, header, body, null, Clock.systemUTC());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MimeRenderer(RenderSettings.defaults(), signer).writeTo(message, out);
        return out.toByteArray();
    }

    private static byte[] signed(EmailMessage message, DkimTestKeys... keys) throws IOException {
        return signed(message, Canonicalization.RELAXED, Canonicalization.RELAXED, keys);
    }

    private static void assertVerifies(byte[] message, DkimTestKeys... keys) {
        PythonDkimVerifier.Verdict verdict = PythonDkimVerifier.verify(message, keys);
        System.out.println(verdict.output());
        assertThat(verdict.verified()).as("dkimpy says:%n%s%n--- message ---%n%s", verdict.output(),
                head(message)).isTrue();
        assertThat(verdict.output().lines().filter(l -> l.endsWith(": pass")).count()).as(verdict.output())
                .isEqualTo(keys.length);
    }

    private static void assertFails(byte[] message, DkimTestKeys... keys) {
        PythonDkimVerifier.Verdict verdict = PythonDkimVerifier.verify(message, keys);
        System.out.println(verdict.output());
        assertThat(verdict.verified()).as("dkimpy should refuse it, says:%n%s", verdict.output()).isFalse();
        assertThat(verdict.output()).contains("FAIL");
    }

    private static String head(byte[] message) {
        return new String(message, 0, Math.min(message.length, 4000), StandardCharsets.ISO_8859_1);
    }

    static EmailMessage plain() {
        return EmailMessage.builder().subject("Your order").body("Thanks for your order.\nIt ships today.  \n\n\n")
                .from("shop@example.com").to("ada@example.org").build();
    }

    static EmailMessage htmlWithInlineImage() {
        return EmailMessage.builder().subject("Newsletter").body("Plain version")
                .attachAlternative("<p>Hello <img src=\"cid:logo\"></p>", "text/html")
                .attach(EmailAttachment.of("logo.png", PNG, "image/png").inline("logo"))
                .from("News <news@example.com>").to("ada@example.org").cc("bob@example.org")
                .replyTo("help@example.com")
                .listUnsubscribeOneClick("https://example.com/unsubscribe?u=42", "mailto:unsubscribe@example.com")
                .build();
    }

    EmailMessage threeAttachments() throws IOException {
        Path file = Files.writeString(dir.resolve("report.csv"), "a,b\r\n1,2\r\n");
        byte[] binary = new byte[5000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31);
        }
        return EmailMessage.builder().subject("Reports").body("Three files.")
                .from("reports@example.com").to("ada@example.org")
                .attach("notes.txt", "line one\nline two with trailing space   \n", "text/plain")
                .attach("data.bin", binary, "application/octet-stream")
                .attachFile(file)
                .build();
    }

    static EmailMessage nonAscii() {
        return EmailMessage.builder().subject("Grüße aus Köln – 日本語の件名もあります、長いのでたたまれます")
                .body("Größe: 5 €\nÜber   Leerzeichen\t und Tabs\n" + "ä".repeat(600))
                .from("\"Jörg Müller, Sr.\" <joerg@example.com>").to("Zoë <zoe@example.org>")
                .header("X-Spaced", "a    b\tc   ").build();
    }

    @Test
    void rsaSignedPlainMessageVerifies() throws IOException {
        assertVerifies(signed(plain(), DkimTestKeys.rsa()), DkimTestKeys.rsa());
    }

    @Test
    void ed25519SignedPlainMessageVerifies() throws IOException {
        assertVerifies(signed(plain(), DkimTestKeys.ed25519()), DkimTestKeys.ed25519());
    }

    @Test
    void htmlWithAnInlineImageVerifiesWithBothAlgorithms() throws IOException {
        assertVerifies(signed(htmlWithInlineImage(), DkimTestKeys.rsa()), DkimTestKeys.rsa());
        assertVerifies(signed(htmlWithInlineImage(), DkimTestKeys.ed25519()), DkimTestKeys.ed25519());
    }

    @Test
    void threeAttachmentsVerifyWithBothAlgorithms() throws IOException {
        assertVerifies(signed(threeAttachments(), DkimTestKeys.rsa()), DkimTestKeys.rsa());
        assertVerifies(signed(threeAttachments(), DkimTestKeys.ed25519()), DkimTestKeys.ed25519());
    }

    @Test
    void nonAsciiHeadersVerifyWithBothAlgorithms() throws IOException {
        assertVerifies(signed(nonAscii(), DkimTestKeys.rsa()), DkimTestKeys.rsa());
        assertVerifies(signed(nonAscii(), DkimTestKeys.ed25519()), DkimTestKeys.ed25519());
    }

    @Test
    void rsaAndEd25519SignaturesOnOneMessageBothVerify() throws IOException {
        byte[] message = signed(htmlWithInlineImage(), DkimTestKeys.rsa(), DkimTestKeys.ed25519());
        String text = new String(message, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("DKIM-Signature: v=1; a=rsa-sha256;");
        assertThat(text.indexOf("DKIM-Signature: v=1; a=ed25519-sha256;")).isPositive()
                .isLessThan(text.indexOf("\r\n\r\n"));
        assertVerifies(message, DkimTestKeys.rsa(), DkimTestKeys.ed25519());
    }

    @Test
    void simpleCanonicalizationVerifiesToo() throws IOException {
        assertVerifies(signed(nonAscii(), Canonicalization.SIMPLE, Canonicalization.SIMPLE, DkimTestKeys.rsa()),
                DkimTestKeys.rsa());
        assertVerifies(signed(threeAttachments(), Canonicalization.SIMPLE, Canonicalization.RELAXED,
                DkimTestKeys.ed25519()), DkimTestKeys.ed25519());
    }

    @Test
    void anEmptyBodyVerifies() throws IOException {
        EmailMessage empty = EmailMessage.builder().subject("Empty").body("").from("a@example.com").to("b@example.org")
                .build();
        assertVerifies(signed(empty, DkimTestKeys.rsa()), DkimTestKeys.rsa());
        assertVerifies(signed(empty, Canonicalization.SIMPLE, Canonicalization.SIMPLE, DkimTestKeys.ed25519()),
                DkimTestKeys.ed25519());
    }

    @Test
    void aBodyChangedByOneByteFailsVerification() throws IOException {
        for (DkimTestKeys key : List.of(DkimTestKeys.rsa(), DkimTestKeys.ed25519())) {
            byte[] message = signed(plain(), key);
            String text = new String(message, StandardCharsets.ISO_8859_1);
            int at = text.indexOf("Thanks");
            assertThat(at).isPositive();
            message[at] = 't';
            assertFails(message, key);
        }
    }

    @Test
    void aFromFieldPrependedFailsVerification() throws IOException {
        for (DkimTestKeys key : List.of(DkimTestKeys.rsa(), DkimTestKeys.ed25519())) {
            byte[] signed = signed(plain(), key);
            byte[] extra = "From: ceo@example.com\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] message = Arrays.copyOf(extra, extra.length + signed.length);
            System.arraycopy(signed, 0, message, extra.length, signed.length);
            assertFails(message, key);
        }
    }

    @Test
    void savingTheSignedMessageAgainChangesNothing() throws Exception {
        List<DkimSigner.Selector> selectors = List.of(new DkimSigner.Selector(DkimTestKeys.ed25519().selector(),
                PemKeys.parse(DkimTestKeys.ed25519().pem(), "mail.dkim.private-key")));
        DkimSigner signer = new DkimSigner(DkimTestKeys.DOMAIN, selectors, Canonicalization.RELAXED,
                Canonicalization.RELAXED, null, Clock.systemUTC());
        jakarta.mail.internet.MimeMessage signed = new MimeRenderer(RenderSettings.defaults(), signer)
                .render(htmlWithInlineImage(), null);
        signed.saveChanges(); // as Transport.send does
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        signed.writeTo(out);
        assertVerifies(out.toByteArray(), DkimTestKeys.ed25519());
    }

    @Test
    void fromIsOverSignedAndOnlyPresentFieldsAreListed() throws IOException {
        String text = new String(signed(plain(), DkimTestKeys.ed25519()), StandardCharsets.ISO_8859_1);
        String h = text.substring(text.indexOf("h=") + 2, text.indexOf(';', text.indexOf("h="))).replaceAll("\\s", "");
        assertThat(h).startsWith("from:from:").contains("subject", "date", "to", "message-id", "mime-version",
                "content-type", "content-transfer-encoding").doesNotContain("cc", "reply-to", "list-unsubscribe");
    }
}

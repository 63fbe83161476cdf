package org.cdimail.impl.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.cdimail.EmailMessage;
import org.cdimail.Mailer;
import org.cdimail.impl.backend.Separator;
import org.cdimail.impl.support.MailContainer;
import org.cdimail.impl.support.ScriptedSmtpServer;

/**
 * The bytes that leave are the bytes signed: what an SMTP server receives (through either
 * transport), what the file backend writes and what the console backend prints all verify with
 * dkimpy, with an RSA and an Ed25519 signature configured on the alias.
 */
class DkimBackendsTest {

    @TempDir
    Path dir;

    private MailContainer.Builder signing(String... more) {
        Path rsa = DkimTestKeys.rsa().write(dir);
        Path ed = DkimTestKeys.ed25519().write(dir);
        return MailContainer.with("mail.dkim.domain", DkimTestKeys.DOMAIN,
                "mail.dkim.selector", DkimTestKeys.rsa().selector() + ", " + DkimTestKeys.ed25519().selector(),
                "mail.dkim.private-key", rsa + "," + ed, "mail.dkim.require-aligned", "true",
                "mail.default-from", "noreply@example.com").config(more);
    }

    private static EmailMessage message() {
        return EmailMessage.builder().subject("Grüße, und ein Punkt").body(".leading dot\n..two\nend.\n\n")
                .attachAlternative("<p>Hi</p>\n.\n", "text/html")
                .attach("notes.txt", "α\nβ\n", "text/plain")
                .from("Shop <shop@mail.example.com>").to("ada@example.org").bcc("hidden@example.org")
                .listUnsubscribeOneClick("https://example.com/u/1", "mailto:u@example.com").build();
    }

    private static void assertVerifies(byte[] bytes) {
        PythonDkimVerifier.Verdict verdict = PythonDkimVerifier.verify(bytes, DkimTestKeys.rsa(),
                DkimTestKeys.ed25519());
        System.out.println(verdict.output());
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(verdict.verified()).as("dkimpy says:%n%s%n--- message ---%n%s", verdict.output(), text).isTrue();
        assertThat(verdict.output().lines().filter(l -> l.endsWith(": pass"))).hasSize(2);
        assertThat(text).doesNotContain("hidden@");
        String h = text.substring(text.indexOf("h=") + 2, text.indexOf(';', text.indexOf("h="))).replaceAll("\\s", "");
        assertThat(h).contains("list-unsubscribe:list-unsubscribe-post");
    }

    @ParameterizedTest
    @ValueSource(strings = { "cdi-mail", "jakarta-mail" })
    void whatTheSmtpServerReceivesVerifies(String transport) throws IOException {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start();
                MailContainer container = signing("mail.host", "127.0.0.1", "mail.port",
                        Integer.toString(server.port()), "mail.timeout", "PT10S", "mail.transport", transport)
                        .start()) {
            assertThat(container.select(Mailer.class).send(message())).isEqualTo(1);
            assertThat(server.received()).hasSize(1);
            assertVerifies(server.received().get(0).data().getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void whatTheFileBackendWritesVerifies() throws IOException {
        Path files = dir.resolve("mail");
        try (MailContainer container = signing("mail.backend", "file", "mail.file-path", files.toString()).start()) {
            container.select(Mailer.class).send(message());
        }
        List<Path> written;
        try (Stream<Path> list = Files.list(files)) {
            written = list.toList();
        }
        assertThat(written).hasSize(1);
        byte[] content = Files.readAllBytes(written.get(0));
        byte[] separator = Separator.bytes();
        assertThat(Arrays.copyOfRange(content, content.length - separator.length, content.length)).isEqualTo(separator);
        assertVerifies(Arrays.copyOf(content, content.length - separator.length));
    }

    @Test
    void whatTheConsoleBackendPrintsVerifies() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream usual = System.out;
        try (MailContainer container = signing("mail.backend", "console").start()) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.ISO_8859_1));
            try {
                container.select(Mailer.class).send(message());
            } finally {
                System.setOut(usual);
            }
        }
        byte[] content = printed.toByteArray();
        byte[] separator = Separator.bytes();
        assertVerifies(Arrays.copyOf(content, content.length - separator.length));
    }

    @Test
    void aMessageFromAnotherDomainIsRefusedWhenAlignmentIsRequired() {
        try (MailContainer container = signing("mail.backend", "console").start()) {
            EmailMessage foreign = EmailMessage.builder().subject("s").body("b").from("someone@elsewhere.org")
                    .to("ada@example.org").build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> container.select(Mailer.class).send(foreign))
                    .hasMessageContaining("CDIMAIL-00607").hasMessageContaining("mail.dkim.require-aligned")
                    .hasMessageNotContaining("someone").hasMessageNotContaining("elsewhere");
        }
    }
}

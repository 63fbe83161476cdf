package org.cdimail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SendCommandTest {

    @RegisterExtension
    final SmtpServerExtension smtp = new SmtpServerExtension();

    @TempDir
    Path dir;

    @Test
    void anEmptyRecipientIsAUsageErrorNotASilentSuccess() {
        CliRun.Result result = CliRun.run(dir, "send", "--to", "", "--subject", "Hello", "--body", "x");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("CDIMAIL-00440: --to was given an empty address");
        assertThat(result.out()).doesNotContain("Sent");
    }

    @Test
    void aMisspeltKeyIsNamedInAWarningWithWhatItMostLikelyMeant() {
        CliRun.Result result = CliRun.run(dir, "send", "--to", "you@example.com", "--subject", "Hello", "--body", "x",
                "--set", "mail.hots=smtp.example.com");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).as(result.toString())
                .contains("cdi-mail: warning: CDIMAIL-00268: mail.hots is not a cdi-mail key")
                .contains("did you mean mail.host?");
    }

    @Test
    void printsTheFullMessageThroughTheConsoleBackendWhenNothingIsConfigured() {
        CliRun.Result result = CliRun.run(dir, "send", "--to", "you@example.com", "--subject", "Hello", "--body", "It works");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("From: webmaster@localhost")
                .contains("To: you@example.com")
                .contains("Subject: Hello")
                .contains("\nIt works")
                .contains("-".repeat(79))
                .contains("Sent \"Hello\" to you@example.com via alias \"default\" (console backend).")
                .endsWith("1 message sent.\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void sendsATestMessageWhenSubjectAndBodyAreOmitted() {
        CliRun.Result result = CliRun.run(dir, "send", "--to", "you@example.com");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Subject: Test email from ").contains("If you're reading this, it was successful.");
    }

    @Test
    void sendsEveryOptionOverSmtp() throws Exception {
        Files.writeString(dir.resolve("body.txt"), "Body from a file, ünïcödé\n");
        Files.writeString(dir.resolve("body.html"), "<p>HTML body</p>");
        Files.write(dir.resolve("data.bin"), new byte[] {1, 2, 3});

        CliRun.Result result = CliRun.run(dir, smtp.with("send", "--backend", "smtp",
                "--to", "ada@example.com", "--to", "bob@example.com", "--cc", "carol@example.com",
                "--bcc", "dave@example.com", "--reply-to", "help@example.com", "--from", "Team <team@example.com>",
                "--subject", "Grüße", "--body-file", "body.txt", "--html-file", "body.html",
                "--header", "X-Campaign: 42", "--attach", "data.bin;application/x-thing"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("via alias \"smtp\" (smtp backend)").contains("1 message sent.");
        MimeMessage[] received = smtp.server().getReceivedMessages();
        assertThat(received).hasSize(4); // one copy per envelope recipient: to, to, cc, bcc
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("Grüße");
        assertThat(m.getFrom()[0].toString()).contains("team@example.com");
        assertThat(addresses(m.getRecipients(Message.RecipientType.TO))).containsExactly("ada@example.com", "bob@example.com");
        assertThat(addresses(m.getRecipients(Message.RecipientType.CC))).containsExactly("carol@example.com");
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(addresses(m.getReplyTo())).containsExactly("help@example.com");
        assertThat(m.getHeader("X-Campaign")).containsExactly("42");
        String raw = new String(m.getRawInputStream().readAllBytes());
        assertThat(raw).contains("text/html").contains("application/x-thing").contains("data.bin");
    }

    @Test
    void writesAFileWithTheFileBackendAndAPathFromSet() throws IOException {
        Path mail = dir.resolve("mail");

        CliRun.Result result = CliRun.run(dir, "send", "--backend", "file", "--set", "mail.file-path=" + mail,
                "--to", "you@example.com", "--subject", "Filed");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("via alias \"file\" (file backend)");
        try (Stream<Path> files = Files.list(mail)) {
            List<Path> written = files.toList();
            assertThat(written).hasSize(1);
            assertThat(Files.readString(written.get(0))).contains("Subject: Filed");
        }
    }

    @Test
    void sendsToTheConfiguredAdminsAndManagersAsMailAdminsDoes() throws Exception {
        CliRun.Result result = CliRun.run(dir, smtp.with("--set", "mail.admins=Ada <ada@example.com>",
                "--set", "mail.managers=bob@example.com", "send", "--backend", "smtp", "--admins", "--managers", "--subject", "Status"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Sent to the admins (mail.admins)").contains("Sent to the managers")
                .contains("2 messages sent.");
        MimeMessage[] received = smtp.server().getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getSubject()).isEqualTo("[cdi-mail] Status");
        assertThat(received[0].getFrom()[0].toString()).isEqualTo("root@localhost");
    }

    @Test
    void refusesAdminsWhenNoneAreConfigured() {
        CliRun.Result result = CliRun.run(dir, "send", "--admins");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).hasLineCount(1).contains("CDIMAIL-00403: --admins: mail.admins is empty");
    }

    @Test
    void prefersSetOverTheConfigFileOverTheCommandDefault() throws IOException {
        Path mail = dir.resolve("mail");
        Files.writeString(dir.resolve("app.properties"), "mail.backend=file\nmail.file-path=" + mail + "\n");

        CliRun.Result fromFile = CliRun.run(dir, "--config", "app.properties", "send", "--to", "you@example.com");
        CliRun.Result fromSet = CliRun.run(dir, "--config", "app.properties", "--set", "mail.backend=dummy",
                "send", "--to", "you@example.com");

        assertThat(fromFile.out()).contains("(file backend)").doesNotContain("Subject:");
        assertThat(fromSet.out()).contains("(dummy backend)");
        try (Stream<Path> files = Files.list(mail)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void exitsWith1AndOneLineWhenTheServerCannotBeReached() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }

        CliRun.Result result = CliRun.run(dir, "send", "--backend", "smtp", "--set", "mail.host=127.0.0.1",
                "--set", "mail.port=" + closed, "--set", "mail.timeout=5", "--to", "you@example.com");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
        assertThat(result.err()).hasLineCount(1).startsWith("cdi-mail: CDIMAIL-").doesNotContain("you@example.com");
        assertThat(result.out()).doesNotContain("sent.");
    }

    @Test
    void refusesAHeaderInjectionBeforeSendingAnything() {
        CliRun.Result result = CliRun.run(dir, smtp.with("send", "--backend", "smtp", "--to", "you@example.com",
                "--subject", "Hi\r\nBcc: eve@example.com"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).hasLineCount(1).contains("CDIMAIL-00001: header 'Subject' refused")
                .doesNotContain("eve@example.com");
        assertThat(smtp.server().getReceivedMessages()).isEmpty();
    }

    @Test
    void refusesAMissingAttachment() {
        CliRun.Result result = CliRun.run(dir, "send", "--to", "you@example.com", "--attach", "missing.pdf");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).hasLineCount(1).contains("CDIMAIL-00405: --attach: not a readable file:");
    }

    @Test
    void reportsAnUnknownBackendAsAConfigurationError() {
        CliRun.Result result = CliRun.run(dir, "--set", "mail.backend=carrier-pigeon", "send", "--to", "you@example.com");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).hasLineCount(1).contains("mail.backend");
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Stream.of(addresses).map(Address::toString).toList();
    }
}

package org.cdimail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SendMassCommandTest {

    @RegisterExtension
    final SmtpServerExtension smtp = new SmtpServerExtension();

    @TempDir
    Path dir;

    private Path jsonl(String... lines) throws IOException {
        return Files.write(dir.resolve("messages.jsonl"), List.of(lines));
    }

    @Test
    void sendsEveryLineAndSummarises() throws Exception {
        jsonl("{\"subject\": \"One\", \"body\": \"1\", \"to\": [\"ada@example.com\"]}",
                "{\"subject\": \"Two\", \"body\": \"2\", \"to\": [\"bob@example.com\"], \"html\": \"<b>2</b>\"}",
                "{\"subject\": \"Three\", \"to\": \"carol@example.com\", \"attachments\": [{\"filename\": \"a.txt\", \"content\": \"x\"}]}");

        CliRun.Result result = CliRun.run(dir, smtp.with("send-mass", "messages.jsonl", "--backend", "smtp"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).containsPattern(
                "Sent 3 of 3 messages via alias \"smtp\" \\(smtp backend\\) in \\d+\\.\\d\\d s \\(\\d+\\.\\d messages/s\\)\\.")
                .doesNotContain("Failed");
        assertThat(smtp.server().getReceivedMessages()).extracting(MimeMessage::getSubject)
                .containsExactlyInAnyOrder("One", "Two", "Three");
    }

    @Test
    void reportsBadLinesByNumberAndSendsTheOthers() throws Exception {
        jsonl("{\"subject\": \"Good 1\", \"to\": [\"ada@example.com\"]}",
                "{\"subject\": \"Broken\", \"to\": [",
                "",
                "{\"subject\": \"Injected\\nBcc: eve@example.com\", \"to\": [\"ada@example.com\"]}",
                "{\"subject\": \"Nobody\"}",
                "{\"subject\": \"Typo\", \"too\": [\"ada@example.com\"]}",
                "{\"subject\": \"Not an address\", \"to\": [\"ada at example dot com\"]}",
                "{\"subject\": \"Good 2\", \"to\": [\"bob@example.com\"]}");

        CliRun.Result result = CliRun.run(dir, smtp.with("send-mass", "messages.jsonl", "--backend", "smtp"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SOME_FAILED);
        assertThat(result.out())
                .contains("Sent 2 of 7 messages")
                .contains("Failed: 5\n")
                .contains("  line 2: invalid JSON: ")
                .contains("  line 4: CDIMAIL-00001: header 'Subject' refused")
                .contains("  line 5: no recipients")
                .contains("  line 6: unknown field 'too'")
                .contains("  line 7: ")
                .doesNotContain("line 1:").doesNotContain("line 3:").doesNotContain("line 8:")
                .doesNotContain("eve@example.com").doesNotContain("ada at example");
        assertThat(smtp.server().getReceivedMessages()).extracting(MimeMessage::getSubject)
                .containsExactlyInAnyOrder("Good 1", "Good 2");
    }

    @Test
    void sendsAllMessagesOverOneConnection() throws IOException {
        // The file backend writes one file per opened connection.
        jsonl("{\"subject\": \"A\", \"to\": \"ada@example.com\"}", "{\"subject\": \"B\", \"to\": \"ada@example.com\"}",
                "{\"subject\": \"C\", \"to\": \"ada@example.com\"}");
        Path mail = dir.resolve("mail");

        CliRun.Result result = CliRun.run(dir, "send-mass", "messages.jsonl", "--backend", "file",
                "--set", "mail.file-path=" + mail);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        try (Stream<Path> files = Files.list(mail)) {
            List<Path> written = files.toList();
            assertThat(written).hasSize(1);
            assertThat(Files.readString(written.get(0))).contains("Subject: A", "Subject: B", "Subject: C");
        }
    }

    @Test
    void printsEachMessageWithTheConsoleBackendByDefault() throws IOException {
        jsonl("{\"subject\": \"Printed\", \"body\": \"Hello\", \"to\": \"ada@example.com\"}");

        CliRun.Result result = CliRun.run(dir, "send-mass", "messages.jsonl");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Subject: Printed").contains("Sent 1 of 1 messages via alias \"default\" (console backend)");
    }

    @Test
    void readsStandardInputForADash() {
        java.io.InputStream previous = System.in;
        System.setIn(new java.io.ByteArrayInputStream(
                "{\"subject\": \"Piped\", \"to\": \"ada@example.com\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try {
            CliRun.Result result = CliRun.run(dir, smtp.with("send-mass", "-", "--backend", "smtp"));

            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.out()).contains("Sent 1 of 1 messages");
            assertThat(smtp.server().getReceivedMessages()).hasSize(1);
        } finally {
            System.setIn(previous);
        }
    }

    @Test
    void saysNothingWasSentWhenTheConnectionCannotBeOpened() throws IOException {
        jsonl("{\"subject\": \"A\", \"to\": \"ada@example.com\"}");
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }

        CliRun.Result result = CliRun.run(dir, "send-mass", "messages.jsonl", "--backend", "smtp",
                "--set", "mail.host=127.0.0.1", "--set", "mail.port=" + closed);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
        assertThat(result.err()).hasLineCount(1).contains("CDIMAIL-00408").contains("nothing sent");
        assertThat(result.out()).doesNotContain("Sent ");
    }

    @Test
    void refusesAChunkSizeOutOfRangeBeforeSendingAnything() throws IOException {
        jsonl("{\"subject\": \"A\", \"to\": \"ada@example.com\"}");

        CliRun.Result result = CliRun.run(dir, smtp.with("send-mass", "messages.jsonl", "--backend", "smtp", "--chunk-size", "0"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("CDIMAIL-00432").contains("--chunk-size");
        assertThat(smtp.server().getReceivedMessages()).isEmpty();
    }

    @Test
    void sendsNothingWhenTheReportFileCannotBeCreated() throws IOException {
        jsonl("{\"subject\": \"A\", \"to\": \"ada@example.com\"}");

        CliRun.Result result = CliRun.run(dir, smtp.with("send-mass", "messages.jsonl", "--backend", "smtp",
                "--report", "no-such-folder/report.jsonl"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).hasLineCount(1).contains("CDIMAIL-00430").contains("--report");
        assertThat(smtp.server().getReceivedMessages()).isEmpty();
    }

    @Test
    void reportsLinesThatAreNotMessagesAsInvalidWithoutTheirAddresses() throws IOException {
        jsonl("{\"subject\": \"A\", \"to\": \"ada@example.com\"}", "", "{\"subject\": \"B\"}",
                "{\"subject\": \"C\", \"to\": \"ada at example dot com\"}");

        CliRun.Result result = CliRun.run(dir, smtp.with("send-mass", "messages.jsonl", "--backend", "smtp",
                "--report", "report.jsonl"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SOME_FAILED);
        List<String> report = Files.readAllLines(dir.resolve("report.jsonl"));
        assertThat(report).hasSize(3);
        assertThat(report.get(0)).startsWith("{\"line\":1,\"status\":\"sent\",").contains("\"accepted\":[\"ada@example.com\"]");
        assertThat(report.get(1)).isEqualTo("{\"line\":3,\"status\":\"invalid\",\"error\":\"no recipients (to, cc and bcc are empty)\"}");
        assertThat(report.get(2)).startsWith("{\"line\":4,\"status\":\"invalid\",\"error\":\"").doesNotContain("ada at");
    }
}

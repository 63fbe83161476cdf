package org.cdimail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cdi-mail send} into {@code cdi-mail debug-server}, both run as a user would. */
class DebugServerRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void debugServerPrintsWhatSendSent() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "Some notes");
        Files.writeString(dir.resolve("page.html"), "<p>Hello <b>HTML</b></p>");
        try (CliRun.Background server = new CliRun.Background(dir, "debug-server", "--port", "0")) {
            String port = server.awaitOutput(Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)"), Duration.ofSeconds(10)).group(1);

            CliRun.Result sent = CliRun.run(dir, "send", "--backend", "smtp", "--set", "mail.host=127.0.0.1",
                    "--set", "mail.port=" + port, "--from", "Zoë <zoe@example.com>", "--to", "you@example.com",
                    "--cc", "boss@example.com", "--subject", "Grüße aus Köln", "--body", "Hallo, schöne Welt",
                    "--html-file", "page.html", "--attach", "notes.txt", "--header", "X-Ticket: 7");
            server.awaitOutput(Pattern.compile("end of message 1"), Duration.ofSeconds(10));
            CliRun.Result printed = server.stop();

            assertThat(sent.exitCode()).as(sent.toString()).isZero();
            assertThat(printed.out())
                    .contains("Envelope-From: zoe@example.com")
                    .contains("Envelope-To: boss@example.com, you@example.com")
                    .contains("From: Zoë <zoe@example.com>")
                    .contains("Subject: Grüße aus Köln")
                    .contains("X-Ticket: 7")
                    .contains("[text/plain]\nHallo, schöne Welt\n")
                    .contains("[text/html]\n<p>Hello <b>HTML</b></p>\n")
                    .contains("Attachments:\n  notes.txt (text/plain, 10 bytes)\n")
                    .contains("stopped after 1 message.");
        }
    }
}

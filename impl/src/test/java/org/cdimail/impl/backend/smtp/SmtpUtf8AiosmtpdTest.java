package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cdimail.EmailMessage;
import org.cdimail.Mailer;
import org.cdimail.impl.support.MailContainer;

/**
 * SMTPUTF8 against a server that is not ours: Debian's {@code python3-aiosmtpd}, which offers
 * {@code SMTPUTF8} and checks that {@code MAIL FROM} carries it before it accepts a UTF-8 address.
 * The server (test resource {@code aiosmtpd_saver.py}) runs as a child process on 127.0.0.1 and a
 * free port and saves what it receives. Without the package this test fails, saying what to install.
 */
class SmtpUtf8AiosmtpdTest {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path received;

    private Process server;
    private MailContainer container;

    @BeforeEach
    void startAiosmtpd() throws Exception {
        requireAiosmtpd();
        Path script = Path.of(getClass().getResource("aiosmtpd_saver.py").toURI());
        server = new ProcessBuilder(PYTHON, script.toString(), received.toString())
                .redirectError(received.resolve("aiosmtpd.log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String port = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(20, TimeUnit.SECONDS);
        assertThat(port).as("the port aiosmtpd_saver.py prints").isNotNull().matches("[0-9]+");
        container = MailContainer.with("mail.host", "127.0.0.1", "mail.port", port, "mail.timeout", "PT5S").start();
    }

    private static void requireAiosmtpd() throws InterruptedException {
        Process check;
        try {
            check = new ProcessBuilder(PYTHON, "-c", "import aiosmtpd").redirectErrorStream(true).start();
        } catch (IOException e) {
            fail(PYTHON + " is missing; this test needs Debian's python3-aiosmtpd: apt-get install -y python3-aiosmtpd");
            return;
        }
        if (!check.waitFor(20, TimeUnit.SECONDS) || check.exitValue() != 0) {
            check.destroyForcibly();
            fail("python3-aiosmtpd is missing; this test needs it as an SMTP server offering SMTPUTF8:"
                    + " apt-get install -y python3-aiosmtpd (.ci/run installs it)");
        }
    }

    @AfterEach
    void stop() throws InterruptedException, IOException {
        if (container != null) {
            container.close();
        }
        if (server != null) {
            server.getOutputStream().close(); // the script stops when its standard input closes
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aiosmtpdReceivesAUtf8LocalPartWithSmtpUtf8AndUtf8Headers() throws IOException {
        String from = "j\u00f6rg@example.com";
        String to = "\u7528\u6237@\u4f8b\u5b50.example";

        container.select(Mailer.class).send(EmailMessage.builder().subject("Gr\u00fc\u00dfe").body("Body")
                .from(from).to(to).cc("plain@example.com").build());

        Path envelope = received.resolve("1.env");
        WirePeer.await(() -> Files.exists(envelope), "aiosmtpd to save the message");
        assertThat(Files.readAllLines(envelope, StandardCharsets.UTF_8)).containsExactly(
                "MAIL FROM:" + from, "PARAMETERS:BODY=8BITMIME SMTPUTF8",
                "RCPT TO:\u7528\u6237@xn--fsqu00a.example", "RCPT TO:plain@example.com");
        String content = Files.readString(received.resolve("1.eml"), StandardCharsets.UTF_8);
        assertThat(content).contains("\r\nFrom: " + from + "\r\n").contains("\r\nTo: \u7528\u6237@xn--fsqu00a.example\r\n")
                .contains("Subject: =?utf-8?");
    }

    @Test
    void aiosmtpdReceivesAnAsciiMessageWithoutSmtpUtf8() throws IOException {
        container.select(Mailer.class).sendMail("Hi", "Body", "from@example.com", List.of("to@example.com"));

        Path envelope = received.resolve("1.env");
        WirePeer.await(() -> Files.exists(envelope), "aiosmtpd to save the message");
        assertThat(Files.readAllLines(envelope, StandardCharsets.UTF_8)).contains("PARAMETERS:BODY=8BITMIME")
                .doesNotContain("PARAMETERS:BODY=8BITMIME SMTPUTF8");
    }
}

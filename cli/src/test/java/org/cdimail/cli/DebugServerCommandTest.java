package org.cdimail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebugServerCommandTest {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void printsEachMessageReadablyAndSavesItAsEml() throws Exception {
        try (CliRun.Background server = new CliRun.Background(dir, "debug-server", "--port", "0", "--save", "saved")) {
            int port = Integer.parseInt(server.awaitOutput(LISTENING, WAIT).group(1));

            sendMultipartMessage(port);
            server.awaitOutput(Pattern.compile("end of message 1"), WAIT);
            CliRun.Result result = server.stop();

            assertThat(result.exitCode()).isZero();
            assertThat(result.out())
                    .contains("Envelope-From: ada@example.com")
                    .contains("Envelope-To: bob@example.com, carol@example.com")
                    .contains("Subject: Grüße aus Köln")
                    .contains("From: Ada Lovelace <ada@example.com>")
                    .contains("[text/plain]\nPlain text, ünïcödé\n")
                    .contains("[text/html]\n<p>HTML</p>\n")
                    .contains("Attachments:\n  résumé.pdf (application/pdf, 3000 bytes)\n")
                    .contains("debug server stopped after 1 message.")
                    .doesNotContain("Content-Transfer-Encoding");
            try (Stream<Path> saved = Files.list(dir.resolve("saved"))) {
                List<Path> files = saved.toList();
                assertThat(files).hasSize(1);
                assertThat(files.get(0).getFileName().toString()).endsWith("-1.eml");
                assertThat(result.out()).contains("Saved as " + files.get(0));
                MimeMessage reread = new MimeMessage(Session.getInstance(new Properties()), Files.newInputStream(files.get(0)));
                assertThat(reread.getSubject()).isEqualTo("Grüße aus Köln");
            }
        }
    }

    @Test
    void numbersSeveralMessagesAndPrintsEachOnceWhateverTheRecipientCount() throws Exception {
        try (CliRun.Background server = new CliRun.Background(dir, "debug-server", "--port", "0")) {
            int port = Integer.parseInt(server.awaitOutput(LISTENING, WAIT).group(1));

            sendMultipartMessage(port);
            sendMultipartMessage(port);
            server.awaitOutput(Pattern.compile("end of message 2"), WAIT);
            CliRun.Result result = server.stop();

            assertThat(count(result.out(), "---------- message ")).isEqualTo(2);
            assertThat(result.out()).contains("stopped after 2 messages.").doesNotContain("Saved as");
        }
    }

    @Test
    void stopsCleanlyWhenTheProcessIsTerminatedAsCtrlCDoes() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("debug-server.log");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CdiMail.class.getName(), "debug-server", "--port", "0")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Matcher listening = awaitMatch(log, LISTENING, process);
            sendMultipartMessage(Integer.parseInt(listening.group(1)));
            awaitMatch(log, Pattern.compile("end of message 1"), process);

            process.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as for Ctrl-C's SIGINT
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

            assertThat(Files.readString(log)).contains("Subject: Grüße aus Köln")
                    .endsWith("debug server stopped after 1 message.\n")
                    .doesNotContain("Exception");
        } finally {
            process.destroyForcibly();
        }
    }

    private static Matcher awaitMatch(Path log, Pattern pattern, Process process) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String output = "";
        while (System.nanoTime() < deadline && process.isAlive()) {
            output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            Matcher m = pattern.matcher(output);
            if (m.find()) {
                return m;
            }
            process.waitFor(20, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("no output matching " + pattern + ":\n" + output);
    }

    @Test
    void refusesAPortInUseWithOneLineAndExitCode2() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRun.Result result = CliRun.run(dir, "debug-server", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).startsWith("cdi-mail: CDIMAIL-00410: debug-server: cannot listen on 127.0.0.1:")
                    .hasLineCount(1);
        }
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static void sendMultipartMessage(int port) throws MessagingException, IOException {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", "127.0.0.1");
        props.setProperty("mail.smtp.port", Integer.toString(port));
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("ada@example.com", "Ada Lovelace", StandardCharsets.UTF_8.name()));
        message.setRecipients(Message.RecipientType.TO, "bob@example.com");
        message.setRecipients(Message.RecipientType.CC, "carol@example.com");
        message.setSubject("Grüße aus Köln", "UTF-8");

        MimeMultipart alternatives = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Plain text, ünïcödé", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<p>HTML</p>", "UTF-8", "html");
        alternatives.addBodyPart(text);
        alternatives.addBodyPart(html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternatives);

        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(new byte[3000], "application/pdf")));
        attachment.setFileName("résumé.pdf");
        attachment.setDisposition(MimeBodyPart.ATTACHMENT);

        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(attachment);
        message.setContent(mixed);
        Transport.send(message);
    }
}

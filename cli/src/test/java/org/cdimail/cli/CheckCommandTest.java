package org.cdimail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    @TempDir
    Path dir;

    private GreenMail smtp;
    private String port;

    @BeforeEach
    void startServer() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        port = Integer.toString(smtp.getSmtp().getPort());
    }

    @AfterEach
    void stopServer() {
        smtp.stop();
    }

    @Test
    void reportsWhatTheServerOffers() {
        CliRun.Result result = CliRun.run(dir, "check", "--backend", "smtp",
                "--set", "mail.host=127.0.0.1", "--set", "mail.port=" + port);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("Checking alias \"smtp\" (smtp backend): 127.0.0.1:" + port)
                .contains("Connected to 127.0.0.1:" + port)
                .contains("not encrypted")
                .containsPattern("STARTTLS +not offered")
                .containsPattern("AUTH +offered: .*PLAIN")
                .containsPattern("8BITMIME +")
                .containsPattern("SMTPUTF8 +")
                .containsPattern("PIPELINING +")
                .contains("Login      not attempted (mail.username not set)")
                .contains("OK: cdi-mail opened and closed a connection of alias \"smtp\" (smtp backend).");
    }

    @Test
    void saysExactlyWhyWhenNothingListensAndExitsWith1() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }

        CliRun.Result result = CliRun.run(dir, "check", "--backend", "smtp",
                "--set", "mail.host=127.0.0.1", "--set", "mail.port=" + closed);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
        assertThat(result.err()).hasLineCount(1)
                .startsWith("cdi-mail: CDIMAIL-00420: check: cannot connect to 127.0.0.1:" + closed)
                .contains("(mail.host, mail.port)");
    }

    @Test
    void reportsThatARequiredStarttlsIsNotOffered() {
        CliRun.Result result = CliRun.run(dir, "check", "--backend", "smtp",
                "--set", "mail.host=127.0.0.1", "--set", "mail.port=" + port, "--set", "mail.use-tls=true");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SOME_FAILED);
        assertThat(result.err()).hasLineCount(1)
                .contains("does not offer STARTTLS, which mail.use-tls requires");
    }

    @Test
    void refusesTlsAndSslTogetherAsAConfigurationError() {
        CliRun.Result result = CliRun.run(dir, "check", "--backend", "smtp",
                "--set", "mail.use-tls=true", "--set", "mail.use-ssl=true");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).hasLineCount(1).contains("CDIMAIL-00203")
                .contains("mail.use-tls and mail.use-ssl are both true");
    }

    @Test
    void refusesCredentialsOverAPlainConnectionAsTheBackendDoes() {
        CliRun.Result result = CliRun.run(dir, "check", "--backend", "smtp", "--set", "mail.host=127.0.0.1",
                "--set", "mail.port=" + port, "--set", "mail.username=ada", "--set", "mail.password=secret");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).hasLineCount(1).contains("CDIMAIL-00210").doesNotContain("secret");
    }

    @Test
    void logsInWithTheConfiguredCredentialsWhenPlainAuthIsAllowed() {
        smtp.setUser("ada@example.com", "ada", "secret");

        CliRun.Result result = CliRun.run(dir, "check", "--backend", "smtp", "--set", "mail.host=127.0.0.1",
                "--set", "mail.port=" + port, "--set", "mail.username=ada", "--set", "mail.password=secret",
                "--set", "mail.allow-plaintext-auth=true");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Login      accepted for mail.username").doesNotContain("secret");
    }

    @Test
    void saysWhyTheServerRefusedTheLogin() {
        smtp.setUser("ada@example.com", "ada", "secret");

        CliRun.Result result = CliRun.run(dir, "check", "--backend", "smtp", "--set", "mail.host=127.0.0.1",
                "--set", "mail.port=" + port, "--set", "mail.username=ada", "--set", "mail.password=wrong",
                "--set", "mail.allow-plaintext-auth=true");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SOME_FAILED);
        assertThat(result.err()).hasLineCount(1).contains("CDIMAIL-00221").doesNotContain("wrong");
    }

    @Test
    void opensAndClosesAConnectionOfABackendWithoutServer() {
        CliRun.Result result = CliRun.run(dir, "check");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo(
                "OK: alias \"default\" (console backend) has no server to check; its connection opened and closed.\n");
    }

    @Test
    void showsNoStackTraceUnlessVerbose() {
        CliRun.Result quiet = CliRun.run(dir, "check", "--backend", "smtp", "--set", "mail.port=x");
        CliRun.Result verbose = CliRun.run(dir, "check", "--backend", "smtp", "--set", "mail.port=x", "--verbose");

        assertThat(quiet.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(quiet.err()).hasLineCount(1).doesNotContain("\tat ");
        assertThat(verbose.err()).contains("\tat org.cdimail.cli.");
    }
}

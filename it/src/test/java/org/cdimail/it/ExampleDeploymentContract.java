package org.cdimail.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.it.server.AppServer;
import org.cdimail.it.server.Directories;
import org.cdimail.it.server.Http;
import org.cdimail.it.server.Wars;
import org.cdimail.it.smtp.MailPeers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What must hold on every supported server: the example WAR deploys, sends through each alias to
 * SMTP servers on 127.0.0.1, honours its own {@code microprofile-config.properties}, can use the
 * server's mail session from JNDI, and a WAR with a wrong mail configuration fails to deploy.
 *
 * <p>Each subclass boots its server once (one server at a time), with four WARs: the example as
 * built, the example sending its {@code transactional} alias through the server's mail session,
 * the example with {@code use-tls} and {@code use-ssl} both on, and the example naming a mail
 * session that is not in JNDI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ExampleDeploymentContract {

    static final String EXAMPLE = "cdi-mail-example";
    static final String CONTAINER_SESSION = "example-container-session";
    static final String BROKEN = "example-broken";
    static final String MISSING_SESSION = "example-missing-session";

    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    MailPeers peers;
    AppServer server;

    /** The directory name of this server's working files under {@code target/it-work}. */
    abstract String workDirectoryName();

    /** The JNDI name under which {@link #boot} makes the server provide a mail session. */
    abstract String containerSessionJndiName();

    /**
     * Starts the server with the JVM system properties, a mail session named
     * {@link #containerSessionJndiName()} pointing at {@link MailPeers#container()}, and the WARs.
     */
    abstract AppServer boot(Path work, Path systemProperties, List<Path> wars) throws IOException;

    /** The server's own account of why a WAR did not deploy. */
    abstract String deploymentFailure(String contextRoot) throws IOException;

    @BeforeAll
    void deployTheExampleApplication() throws IOException {
        Path work = Directories.recreate(Path.of(System.getProperty("it.work", "target/it-work"), workDirectoryName()));
        peers = MailPeers.start(work);
        Path war = Path.of(System.getProperty("example.war", "target/deployments/cdi-mail-example.war"));
        List<Path> wars = List.of(
                Wars.withConfig(war, work.resolve("wars").resolve(EXAMPLE + ".war"), ""),
                Wars.withConfig(war, work.resolve("wars").resolve(CONTAINER_SESSION + ".war"),
                        "mail.transactional.session-jndi=" + containerSessionJndiName()),
                Wars.withConfig(war, work.resolve("wars").resolve(BROKEN + ".war"),
                        "mail.use-tls=true\nmail.use-ssl=true"),
                Wars.withConfig(war, work.resolve("wars").resolve(MISSING_SESSION + ".war"),
                        "mail.transactional.session-jndi=" + containerSessionJndiName() + "-missing"));
        server = boot(work, writeSystemProperties(work), wars);
    }

    /** SMTP settings of this run: per server, as JVM system properties, which MicroProfile Config reads. */
    private Path writeSystemProperties(Path work) throws IOException {
        Properties properties = new Properties();
        properties.putAll(mailProperties());
        Path file = work.resolve("mail-system.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            properties.store(out, "cdi-mail integration test: SMTP peers of this run");
        }
        return file;
    }

    /**
     * The cdi-mail settings the server JVM gets as system properties: where each alias's SMTP
     * peer listens. A subclass adds its own.
     *
     * @return key to value
     */
    Map<String, String> mailProperties() {
        return Map.of(
                "mail.host", "127.0.0.1",
                "mail.port", Integer.toString(peers.plain().getSmtp().getPort()),
                "mail.transactional.host", "127.0.0.1",
                "mail.transactional.port", Integer.toString(peers.startTls().port()),
                "mail.transactional.use-tls", "true",
                "mail.transactional.username", MailPeers.USER,
                "mail.transactional.password", MailPeers.PASSWORD,
                "mail.transactional.ssl-trust-certfile", peers.certificate().pemFile().toString());
    }

    @AfterAll
    void stopTheServerByPid() throws IOException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (peers != null) {
                peers.close();
            }
        }
    }

    @BeforeEach
    void emptyTheMailboxes() {
        peers.reset();
    }

    @Test
    void signUpMailsAnActivationLinkAsTextAndHtmlThroughTheDefaultAlias() throws MessagingException {
        HttpResponse<String> response = Http.postForm(api(EXAMPLE, "signup"),
                Map.of("email", "ada@example.org", "name", "Ada <Lovelace>"));
        assertThat(response.statusCode()).isEqualTo(202);

        MimeMessage mail = only(MailPeers.awaitMessages(peers.plain(), 1));
        assertThat(mail.getSubject()).isEqualTo("Activate your account");
        assertThat(addresses(mail.getAllRecipients())).containsExactly("ada@example.org");
        assertThat(addresses(mail.getFrom())).containsExactly("shop@example.com");
        assertThat(mail.isMimeType("multipart/alternative")).isTrue();
        String text = MimeParts.text(mail, "text/plain").orElseThrow();
        String html = MimeParts.text(mail, "text/html").orElseThrow();
        assertThat(text).contains("Hello Ada <Lovelace>,");
        assertThat(html).contains("Hello Ada &lt;Lovelace&gt;,").contains("<a href=\"");

        URI link = firstLink(text);
        assertThat(link.getPath()).startsWith("/" + EXAMPLE + "/api/signup/activation");
        HttpResponse<String> activation = Http.get(link);
        assertThat(activation.statusCode()).isEqualTo(200);
        assertThat(activation.body()).isEqualTo("activated ada@example.org");
        assertThat(Http.get(link).statusCode()).as("a used link").isEqualTo(404);
    }

    @Test
    void passwordResetTakesTheTransactionalAliasOverStartTlsWithAuth() throws MessagingException {
        HttpResponse<String> response = Http.postForm(api(EXAMPLE, "password-reset"), Map.of("email", "grace@example.org"));
        assertThat(response.statusCode()).isEqualTo(202);

        MimeMessage mail = only(MailPeers.awaitMessages(peers.secure(), 1));
        assertThat(mail.getSubject()).isEqualTo("Reset your password");
        assertThat(addresses(mail.getAllRecipients())).containsExactly("grace@example.org");
        // mail.transactional.default-from comes from the WAR's own microprofile-config.properties.
        assertThat(addresses(mail.getFrom())).containsExactly("security@example.com");
        assertThat(MimeParts.text(mail, "text/html").orElseThrow()).contains("Choose a new password");
        assertThat(peers.startTls().commandsAfterTls()).as("SMTP commands sent inside TLS")
                .contains("EHLO", "AUTH", "MAIL", "RCPT", "DATA");
        assertThat(peers.plain().getReceivedMessages()).as("nothing through the default alias").isEmpty();
    }

    @Test
    void aServerErrorIsMailedToTheAdminsWithTheStackTrace() throws MessagingException {
        HttpResponse<String> response = Http.postForm(api(EXAMPLE, "failure"), Map.of());
        assertThat(response.statusCode()).isEqualTo(500);

        // GreenMail keeps one copy per recipient: two admins, one message.
        List<MimeMessage> copies = MailPeers.awaitMessages(peers.plain(), 2);
        assertThat(copies).extracting(MimeMessage::getMessageID).hasSize(2).containsOnly(copies.get(0).getMessageID());
        MimeMessage mail = copies.get(0);
        assertThat(mail.getSubject()).isEqualTo("[example] Internal Server Error: /" + EXAMPLE + "/api/failure");
        assertThat(addresses(mail.getAllRecipients())).containsExactlyInAnyOrder("ops@example.com", "lead@example.com");
        assertThat(addresses(mail.getFrom())).containsExactly("alerts@example.com");
        assertThat(MimeParts.text(mail, "text/plain").orElseThrow()).contains("IllegalStateException");
        assertThat(MimeParts.text(mail, "text/html").orElseThrow()).contains("<pre>").contains("IllegalStateException");
    }

    @Test
    void anAliasCanSendThroughTheServersMailSessionFromJndi() throws MessagingException {
        HttpResponse<String> response = Http.postForm(api(CONTAINER_SESSION, "password-reset"),
                Map.of("email", "alan@example.org"));
        assertThat(response.statusCode()).isEqualTo(202);

        MimeMessage mail = only(MailPeers.awaitMessages(peers.container(), 1));
        assertThat(mail.getSubject()).isEqualTo("Reset your password");
        assertThat(addresses(mail.getAllRecipients())).containsExactly("alan@example.org");
        assertThat(addresses(mail.getFrom())).containsExactly("security@example.com");
        assertThat(peers.secure().getReceivedMessages()).as("nothing through the alias's own SMTP settings").isEmpty();
    }

    @Test
    void aWarWithConflictingTlsSettingsFailsToDeploy() throws IOException {
        assertThat(Http.statusOf(api(EXAMPLE, "status"))).as("the correct WAR, same server").isEqualTo(200);
        assertThat(Http.statusOf(api(BROKEN, "status"))).isEqualTo(404);
        assertThat(deploymentFailure(BROKEN)).contains("mail.use-ssl");
    }

    @Test
    void aWarNamingAMailSessionThatIsNotInJndiFailsToDeploy() throws IOException {
        assertThat(Http.statusOf(api(CONTAINER_SESSION, "status"))).as("the same WAR with the right name").isEqualTo(200);
        assertThat(Http.statusOf(api(MISSING_SESSION, "status"))).isEqualTo(404);
        assertThat(deploymentFailure(MISSING_SESSION)).contains("CDIMAIL-00380")
                .contains("mail.transactional.session-jndi");
    }

    URI api(String contextRoot, String path) {
        return server.application(contextRoot).resolve("api/" + path);
    }

    static MimeMessage only(List<MimeMessage> messages) {
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    static List<String> addresses(Address[] addresses) {
        return Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
    }

    private static URI firstLink(String text) {
        Matcher matcher = LINK.matcher(text);
        assertThat(matcher.find()).as("a link in " + text).isTrue();
        return URI.create(matcher.group());
    }
}

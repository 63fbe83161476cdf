package org.cdimail.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.it.server.Deployment;
import org.cdimail.it.server.Directories;
import org.cdimail.it.server.Http;
import org.cdimail.it.server.Templates;
import org.cdimail.it.server.WildFlyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The durable queue inside WildFly ({@code standalone-full.xml}, whose messaging is Artemis): a
 * WAR whose default alias is queued through the server's pooled XA connection factory
 * ({@code mail.queue.connection-factory=java:/JmsXA}) on queues the operator declared
 * ({@code wildfly/queue.cli}), delivered by one in-app consumer on the server's managed threads.
 * Its sign-up inserts a row into {@code java:comp/DefaultDataSource} and sends a welcome mail in
 * one {@code @Transactional} method: the enqueue joins the transaction, so a commit queues (and
 * the consumer delivers) exactly one mail and a rollback queues none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WildFlyQueueIT {

    private static final String APP = "cdi-mail-queue-it";

    private GreenMail smtp;
    private WildFlyServer server;
    private URI api;

    @BeforeAll
    void deployTheQueuedApplication() throws IOException {
        Path work = Directories.recreate(Path.of(System.getProperty("it.work", "target/it-work"), "wildfly-queue"));
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        Path properties = Files.writeString(work.resolve("server.properties"), "# no system properties\n");
        server = WildFlyServer.start(Path.of(System.getProperty("wildfly.home")), work.resolve("server"), properties,
                "standalone-full.xml");
        server.runCli(Templates.render("wildfly/queue.cli", Map.of(), work.resolve("queue.cli")));
        Path war = war(work.resolve("wars").resolve(APP + ".war"), String.join("\n",
                "mail.backend=smtp",
                "mail.host=127.0.0.1",
                "mail.port=" + smtp.getSmtp().getPort(),
                "mail.default-from=welcome@example.com",
                "mail.queue.enabled=true",
                "mail.queue.connection-factory=java:/JmsXA",
                // One consumer: the queue is delivered in order, so a marker sent after a
                // rolled-back sign-up arrives after anything that sign-up could have queued.
                "mail.queue.in-app-consumers=1",
                "mail.queue.retry.initial-delay=PT1S",
                "mail.queue.retry.max-delay=PT2S"));
        Deployment deployment = server.deploy(List.of(war)).get(war.getFileName().toString());
        assertThat(deployment.failure()).as("deployment of " + APP).isEmpty();
        api = server.application(APP).resolve("api/");
    }

    /**
     * The WAR: the classes of {@code org.cdimail.it.queueapp}, cdi-mail's api, impl and queue jars
     * (no Artemis: the server provides Jakarta Messaging) and the configuration.
     */
    private static Path war(Path target, String configuration) throws IOException {
        Files.createDirectories(target.getParent());
        Path classes = Path.of(System.getProperty("it.test.classes", "target/test-classes"));
        Path libraries = Path.of(System.getProperty("queue.libraries", "target/queue-libraries"));
        try (ZipOutputStream war = new ZipOutputStream(Files.newOutputStream(target))) {
            Path app = classes.resolve("org/cdimail/it/queueapp");
            try (Stream<Path> files = Files.list(app)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    add(war, "WEB-INF/classes/" + classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
            for (String jar : List.of("cdi-mail-api.jar", "cdi-mail-impl.jar", "cdi-mail-queue.jar")) {
                add(war, "WEB-INF/lib/" + jar, Files.readAllBytes(libraries.resolve(jar)));
            }
            add(war, "WEB-INF/beans.xml", ("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
                    + " bean-discovery-mode=\"annotated\"/>\n").getBytes(StandardCharsets.UTF_8));
            add(war, "WEB-INF/classes/META-INF/microprofile-config.properties",
                    (configuration + "\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return target;
    }

    private static void add(ZipOutputStream war, String name, byte[] content) throws IOException {
        war.putNextEntry(new ZipEntry(name));
        war.write(content);
        war.closeEntry();
    }

    @AfterAll
    void stopTheServerByPid() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (smtp != null) {
                smtp.stop();
            }
        }
    }

    @BeforeEach
    void emptyTheMailbox() throws com.icegreen.greenmail.store.FolderException {
        smtp.purgeEmailFromAllMailboxes(); // not reset(): that restarts it on another port
    }

    @Test
    void theQueuedAliasEnqueuesThroughJmsXaAndItsConsumerRunsOnTheServersManagedThreads() {
        assertThat(Http.get(api.resolve("signup/queue")).body()).startsWith("joins=true ");
        assertThat(server.log()).contains("CDIMAIL-00573").contains("java:comp/DefaultManagedThreadFactory")
                .contains("java:/JmsXA");
    }

    @Test
    void aCommittedSignUpHasItsRowAndExactlyOneMailDeliveredByTheInAppConsumer() throws MessagingException {
        HttpResponse<String> response = Http.postForm(api.resolve("signup"), Map.of("email", "ada@example.org"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);

        MimeMessage welcome = only(awaitMessages(1));
        assertThat(welcome.getSubject()).isEqualTo("Welcome");
        assertThat(addresses(welcome.getAllRecipients())).containsExactly("ada@example.org");
        assertThat(Http.get(api.resolve("signup/rows?email=ada@example.org")).body()).isEqualTo("1");

        sendMarker("after-ada@example.org");
        assertThat(recipientsAtTheServer()).containsExactly("ada@example.org", "after-ada@example.org");
    }

    @Test
    void aRolledBackSignUpHasNoRowAndQueuesNoMailWhileALaterCommittedOneArrivesAlone() throws MessagingException {
        HttpResponse<String> response = Http.postForm(api.resolve("signup"),
                Map.of("email", "bob@example.org", "rollback", "true"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(Http.get(api.resolve("signup/rows?email=bob@example.org")).body()).isEqualTo("0");

        sendMarker("marker@example.org");
        assertThat(recipientsAtTheServer()).containsExactly("marker@example.org");
        assertThat(Http.get(api.resolve("signup/queue")).body()).contains("pending=0").contains("dead=0");
    }

    /** Signs up a marker in a committed transaction and waits for its mail, which one consumer delivers after anything queued before. */
    private void sendMarker(String marker) throws MessagingException {
        HttpResponse<String> response = Http.postForm(api.resolve("signup"), Map.of("email", marker));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!recipientsAtTheServer().contains(marker)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no mail to the marker within 30 s; received " + recipientsAtTheServer()
                        + "; queue: " + Http.get(api.resolve("signup/queue")).body());
            }
            smtp.waitForIncomingEmail(1000, smtp.getReceivedMessages().length + 1);
        }
    }

    private List<MimeMessage> awaitMessages(int count) {
        if (!smtp.waitForIncomingEmail(30_000, count)) {
            throw new AssertionError("expected " + count + " message(s) within 30 s, got "
                    + smtp.getReceivedMessages().length + "; queue: " + Http.get(api.resolve("signup/queue")).body());
        }
        return List.of(smtp.getReceivedMessages());
    }

    private List<String> recipientsAtTheServer() throws MessagingException {
        List<String> recipients = new java.util.ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            recipients.addAll(addresses(message.getAllRecipients()));
        }
        return recipients;
    }

    private static MimeMessage only(List<MimeMessage> messages) {
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private static List<String> addresses(Address[] addresses) {
        return Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
    }
}

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

import org.cdimail.impl.support.ScriptedSmtpServer;
import org.cdimail.it.queueapp.MailObservations;
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
 * <p>
 * The same WAR has four more queued aliases, each with its own queue and in-app consumer, to show
 * the pipeline through the queue: {@code redirected} ({@code redirect-to}), {@code restricted}
 * ({@code allowed-recipients}: the recipient is dropped before the enqueue and the receipt says
 * refused by policy), {@code strict} ({@code disallowed-recipients=fail}: the send throws, nothing
 * is queued) and {@code refusing}, whose SMTP peer ({@link ScriptedSmtpServer}) answers 550 and
 * 451 for chosen recipients, so that the worker's {@code SendFailed} events (DEAD, RETRYING) reach
 * the application's observers ({@link MailObservations}), which also veto one domain and stamp
 * every other message in {@code BeforeSend}, and count {@code AfterSend} from the queue,
 * synchronous and {@code @ObservesAsync}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WildFlyQueueIT {

    private static final String APP = "cdi-mail-queue-it";

    /** The {@code refusing} alias's peer: 550 for {@link #DEAD}, 451 for {@link #LATER}. */
    private static final String DEAD = "dead@example.org";
    private static final String LATER = "later@example.org";
    private static final String REDIRECT = "inbox@staging.example";

    private GreenMail smtp;
    private ScriptedSmtpServer refusing;
    private WildFlyServer server;
    private URI api;

    @BeforeAll
    void deployTheQueuedApplication() throws IOException {
        Path work = Directories.recreate(Path.of(System.getProperty("it.work", "target/it-work"), "wildfly-queue"));
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        refusing = ScriptedSmtpServer.start().refusing(DEAD).deferring(LATER);
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
                "mail.queue.retry.max-delay=PT2S",
                // Governance on queued aliases: applied before the enqueue.
                "mail.redirected.backend=smtp",
                "mail.redirected.redirect-to=" + REDIRECT,
                "mail.restricted.backend=smtp",
                "mail.restricted.allowed-recipients=*@example.org",
                "mail.strict.backend=smtp",
                "mail.strict.allowed-recipients=*@example.org",
                "mail.strict.disallowed-recipients=fail",
                // Failures from the worker: 550 is dead at once; 451 is retried until it is 3 s old.
                "mail.refusing.backend=smtp",
                "mail.refusing.port=" + refusing.port(),
                "mail.refusing.queue.max-age=PT3S"));
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
    void stopTheServerByPid() throws IOException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            try {
                if (smtp != null) {
                    smtp.stop();
                }
            } finally {
                if (refusing != null) {
                    refusing.close();
                }
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
        assertThat(welcome.getHeader(MailObservations.HEADER, null)).isEqualTo("before-send default");
        assertThat(Http.get(api.resolve("signup/rows?email=ada@example.org")).body()).isEqualTo("1");

        sendMarker("after-ada@example.org");
        assertThat(recipientsAtTheServer()).containsExactly("ada@example.org", "after-ada@example.org");
        assertThat(observed("default.after.queue", 1, "accepted=[ada@example.org]"))
                .containsPattern("AfterSend default queue <[^ ]+> accepted=\\[ada@example.org\\]")
                .doesNotContain("default.after.direct").doesNotContain("SendFailed default");
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
        assertThat(observed("default.after.queue", 1, "accepted=[marker@example.org]"))
                .doesNotContain("bob@example.org");
    }

    @Test
    void aRedirectedQueuedAliasDeliversOnlyToTheRedirectAddressWithTheOriginalRecipientsInHeaders()
            throws MessagingException {
        String receipt = deliver("redirected", "Redirected", "ada@example.org", "cy@example.org", "bo@example.org");
        assertThat(receipt).startsWith("status=SENT queued=true accepted=[" + REDIRECT + "] refused=[] reasons=[]");

        MimeMessage redirected = awaitSubject("Redirected");
        assertThat(addresses(redirected.getAllRecipients())).containsExactly(REDIRECT);
        assertThat(redirected.getHeader("X-Original-To", null)).isEqualTo("ada@example.org");
        assertThat(redirected.getHeader("X-Original-Cc", null)).isEqualTo("cy@example.org");
        assertThat(redirected.getHeader("X-Original-Bcc", null)).isEqualTo("bo@example.org");
        assertThat(redirected.getHeader(MailObservations.HEADER, null)).isEqualTo("before-send redirected");

        // The same queue and consumer: the marker arrives after anything the first message queued.
        assertThat(deliver("redirected", "Redirected marker", "marker@example.org", "", ""))
                .startsWith("status=SENT queued=true accepted=[" + REDIRECT + "]");
        MimeMessage marker = awaitSubject("Redirected marker");
        assertThat(marker.getHeader("X-Original-To", null)).isEqualTo("marker@example.org");
        assertThat(marker.getHeader("X-Original-Cc")).isNull();
        assertThat(marker.getHeader("X-Original-Bcc")).isNull();
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(smtp.getReceivedMessagesForDomain("staging.example")).hasSize(2);
        assertThat(smtp.getReceivedMessagesForDomain("example.org")).isEmpty();

        assertThat(observed("redirected.after.queue", 2, ""))
                .contains("redirected.after.queue=2\n")
                .contains("AfterSend redirected queue " + messageId(receipt) + " accepted=[" + REDIRECT + "] refused=[]")
                .doesNotContain("redirected.after.direct").doesNotContain("SendFailed redirected");
        assertThat(redirected.getMessageID()).isEqualTo(messageId(receipt));
    }

    @Test
    void aRestrictedQueuedAliasDropsDisallowedRecipientsBeforeTheEnqueueAndReportsThemAsRefusedByPolicy()
            throws MessagingException {
        String receipt = deliver("restricted", "Restricted", "ok@example.org, out@example.com", "", "");
        assertThat(receipt).startsWith("status=PARTLY_SENT queued=true accepted=[ok@example.org]"
                + " refused=[out@example.com policy] reasons=[not in allowed-recipients]");
        // Nobody left: nothing is queued at all.
        assertThat(deliver("restricted", "Restricted, nobody allowed", "", "", "cc-out@example.com"))
                .startsWith("status=NOT_SENT queued=false accepted=[] refused=[cc-out@example.com policy]");

        MimeMessage restricted = awaitSubject("Restricted");
        assertThat(addresses(restricted.getAllRecipients())).containsExactly("ok@example.org");
        assertThat(restricted.getHeader(MailObservations.HEADER, null)).isEqualTo("before-send restricted");

        assertThat(deliver("restricted", "Restricted marker", "marker@example.org", "", ""))
                .startsWith("status=SENT queued=true accepted=[marker@example.org]");
        awaitSubject("Restricted marker");
        assertThat(recipientsAtTheServer()).containsExactly("ok@example.org", "marker@example.org");
        assertThat(smtp.getReceivedMessagesForDomain("example.com")).isEmpty();

        assertThat(observed("restricted.after.queue", 2, ""))
                .contains("restricted.after.queue=2\n")
                .contains("AfterSend restricted queue " + messageId(receipt) + " accepted=[ok@example.org] refused=[]")
                .doesNotContain("restricted.after.direct").doesNotContain("SendFailed restricted");
    }

    @Test
    void theQueueWorkerTellsTheObserversDeadForA550AndRetryingThenDeadForA451ThatOutlivesMaxAge() throws IOException {
        String refused = deliver("refusing", "Refused", "live@example.org, " + DEAD, "", "");
        assertThat(refused).startsWith("status=SENT queued=true accepted=[live@example.org, " + DEAD + "] refused=[]");
        String deferred = deliver("refusing", "Deferred", LATER, "", "");
        assertThat(deferred).startsWith("status=SENT queued=true accepted=[" + LATER + "]");

        assertThat(observed("refusing.failed.DEAD.permanent.queue", 1, ""))
                .contains("AfterSend refusing queue " + messageId(refused) + " accepted=[live@example.org] refused=["
                        + DEAD + " 550]")
                .contains("SendFailed refusing DEAD.permanent queue reason=550 5.1.1 " + messageId(refused)
                        + " accepted=[live@example.org] refused=[" + DEAD + " 550]");
        assertThat(observed("refusing.failed.DEAD.temporary.queue", 1, ""))
                .contains("SendFailed refusing RETRYING.temporary queue reason=451 4.3.0 " + messageId(deferred)
                        + " accepted=[] refused=[" + LATER + " 451]")
                .contains("SendFailed refusing DEAD.temporary queue reason=451 4.3.0 " + messageId(deferred)
                        + " accepted=[] refused=[" + LATER + " 451]")
                .contains("refusing.failed.DEAD.temporary.queue=1\n")
                .doesNotContain("refusing.after.direct").doesNotContain("refusing.failed.REPORTED");
        // The same events reach the @ObservesAsync observers.
        observed("refusing.async-after.queue", 1, "");
        observed("refusing.async-failed.DEAD.queue", 2, "");
        observed("refusing.async-failed.RETRYING.queue", 1, "");

        assertThat(refusing.received()).hasSize(1);
        assertThat(refusing.received().get(0).recipients()).containsExactly("live@example.org");
        assertThat(refusing.received().get(0).data()).contains(MailObservations.HEADER + ": before-send refusing");
        assertThat(Http.get(api.resolve("mail/refusing/queue")).body()).contains("dead=2");
    }

    @Test
    void aVetoedMessageOnAQueuedAliasIsNeverQueuedAndItsReceiptSaysRefusedByPolicy() throws MessagingException {
        String vetoed = "ann@" + MailObservations.VETOED_DOMAIN;
        assertThat(deliver("default", "Vetoed", vetoed + ", kept@example.org", "", ""))
                .startsWith("status=NOT_SENT queued=false accepted=[] refused=[" + vetoed + " policy, kept@example.org policy]"
                        + " reasons=[" + MailObservations.VETO_REASON + ", " + MailObservations.VETO_REASON + "]");

        sendMarker("after-veto@example.org");
        assertThat(recipientsAtTheServer()).containsExactly("after-veto@example.org");
        assertThat(observed("default.after.queue", 1, "accepted=[after-veto@example.org]"))
                .doesNotContain(vetoed).doesNotContain("kept@example.org").doesNotContain("SendFailed default");
    }

    @Test
    void aStrictQueuedAliasThrowsForADisallowedRecipientAndQueuesNothingOfThatMessage() throws MessagingException {
        assertThat(deliver("strict", "Strict", "ok@example.org, out@example.com", "", ""))
                .startsWith("thrown=MailDeliveryException: CDIMAIL-").contains("mail.strict.allowed-recipients")
                .contains("mail.strict.disallowed-recipients=fail").doesNotContain("@example");

        assertThat(deliver("strict", "Strict marker", "marker@example.org", "", ""))
                .startsWith("status=SENT queued=true accepted=[marker@example.org]");
        awaitSubject("Strict marker");
        assertThat(recipientsAtTheServer()).containsExactly("marker@example.org");
        assertThat(observed("strict.after.queue", 1, "accepted=[marker@example.org]"))
                .contains("strict.after.queue=1\n").doesNotContain("SendFailed strict");
    }

    /** The Message-ID a receipt the endpoint described carries ({@code message-id=<…>}). */
    private static String messageId(String receipt) {
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("message-id=(<[^ ]+>)").matcher(receipt);
        assertThat(id.find()).as("a Message-ID in " + receipt).isTrue();
        return id.group(1);
    }

    /** Delivers one message through an alias (recipients comma-separated) and answers the receipt the endpoint describes. */
    private String deliver(String alias, String subject, String to, String cc, String bcc) {
        HttpResponse<String> response = Http.postForm(api.resolve("mail/" + alias),
                Map.of("subject", subject, "to", to, "cc", cc, "bcc", bcc));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().strip();
    }

    /** What the application's observers saw, once {@code key} counts {@code atLeast} and a note contains {@code note} (at most 30 s). */
    private String observed(String key, int atLeast, String note) {
        String observed = Http.get(api.resolve("mail/observed?key=" + encode(key) + "&atLeast=" + atLeast
                + "&note=" + encode(note))).body();
        int count = observed.lines().filter(line -> line.startsWith(key + "="))
                .mapToInt(line -> Integer.parseInt(line.substring(key.length() + 1))).findFirst().orElse(0);
        assertThat(count).as("%s in what the observers saw:%n%s", key, observed).isGreaterThanOrEqualTo(atLeast);
        assertThat(observed).contains(note);
        return observed;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Waits (at most 30 s) for a message with this subject at GreenMail. */
    private MimeMessage awaitSubject(String subject) throws MessagingException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            MimeMessage[] received = smtp.getReceivedMessages();
            for (MimeMessage message : received) {
                if (subject.equals(message.getSubject())) {
                    return message;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no message '" + subject + "' within 30 s; received " + recipientsAtTheServer());
            }
            smtp.waitForIncomingEmail(1000, received.length + 1);
        }
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

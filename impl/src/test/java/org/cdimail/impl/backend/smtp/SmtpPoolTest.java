package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.Mailer;
import org.cdimail.SendOptions;
import org.cdimail.impl.backend.smtp.FlakySmtpServer.AfterK;
import org.cdimail.impl.support.MailContainer;
import org.cdimail.impl.support.Parallel;
import org.cdimail.spi.EmailBackend;

/**
 * The SMTP connection pool ({@code mail.pool.*}) and the replacement of connections the server
 * dropped, against a scripted peer that drops connections as real servers do. "Exactly once" is
 * checked by the Subject of every message the server received.
 */
class SmtpPoolTest {

    private FlakySmtpServer server;
    private MailContainer container;

    @AfterEach
    void stop() throws Exception {
        if (container != null) {
            container.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private Mailer mailer(String... keysAndValues) {
        List<String> config = new ArrayList<>(List.of("mail.host", "127.0.0.1", "mail.port",
                Integer.toString(server.port()), "mail.timeout", "PT10S"));
        config.addAll(List.of(keysAndValues));
        container = MailContainer.with(config.toArray(String[]::new)).start();
        return container.select(Mailer.class);
    }

    private static List<EmailMessage> messages(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> EmailMessage.builder().subject(prefix + i).body("Body " + i)
                .from("sender@example.com").to("rcpt@example.com").build()).toList();
    }

    private static List<String> subjects(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // poll the condition, not a fixed delay
        }
    }

    @ParameterizedTest(name = "pool.max-connections={0}")
    @ValueSource(ints = { 0, 1, 3 })
    void aServerThatClosesTheConnectionAfterKMessagesStillGetsEveryMessageExactlyOnce(int poolSize) throws Exception {
        server = new FlakySmtpServer().after(3, AfterK.CLOSE);
        Mailer mailer = mailer("mail.pool.max-connections", Integer.toString(poolSize));

        int sent = mailer.sendMassMail(messages("m", 20));

        assertThat(sent).isEqualTo(20);
        assertThat(server.subjects()).containsExactlyInAnyOrderElementsOf(subjects("m", 20));
        assertThat(server.connections()).isGreaterThanOrEqualTo(7); // at most 3 messages per connection
    }

    @ParameterizedTest(name = "pool.max-connections={0}")
    @ValueSource(ints = { 0, 1, 3 })
    void aServerAnswering421AfterKMessagesStillGetsEveryMessageExactlyOnce(int poolSize) throws Exception {
        server = new FlakySmtpServer().after(4, AfterK.ANSWER_421);
        Mailer mailer = mailer("mail.pool.max-connections", Integer.toString(poolSize));

        int sent = mailer.sendMassMail(messages("m", 21));

        assertThat(sent).isEqualTo(21);
        assertThat(server.subjects()).containsExactlyInAnyOrderElementsOf(subjects("m", 21));
        assertThat(server.messagesPerConnection()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(4));
    }

    @Test
    void aPooledConnectionTheServerClosedWhileIdleIsReplacedWithoutLosingTheNextMessage() throws Exception {
        server = new FlakySmtpServer().closingIdleConnectionsAfter(Duration.ofMillis(300));
        Mailer mailer = mailer("mail.pool.max-connections", "1", "mail.pool.idle-timeout", "PT60S");

        assertThat(mailer.send(messages("first", 1).get(0))).isEqualTo(1);
        await(() -> server.closedByServer() == 1, "the server closes the idle connection");
        assertThat(mailer.send(messages("second", 1).get(0))).isEqualTo(1);

        assertThat(server.subjects()).containsExactly("first0", "second0");
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void aMessageWhoseConnectionWasLostAfterItWasTransmittedIsReportedAndNeverSentTwice() throws Exception {
        server = new FlakySmtpServer().after(2, AfterK.CLOSE_BEFORE_REPLYING);
        Mailer mailer = mailer("mail.pool.max-connections", "1");

        assertThatThrownBy(() -> mailer.sendMassMail(messages("m", 5))).isInstanceOf(MailException.class)
                .hasMessageStartingWith("CDIMAIL-00223");

        // The second message reached the server whole: it may have been delivered, so it is not sent again.
        assertThat(server.subjects()).containsExactly("m0", "m1");
        assertThat(server.arrivals()).allSatisfy((subject, times) -> assertThat(times).isEqualTo(1));
    }

    @Test
    void withFailSilentlyALostConnectionCostsOnlyItsMessageAndTheCountSaysSo() throws Exception {
        server = new FlakySmtpServer().after(2, AfterK.CLOSE_BEFORE_REPLYING);
        Mailer mailer = mailer();

        int sent = mailer.sendMassMail(messages("m", 6), SendOptions.builder().failSilently(true).build());

        // Each connection takes two messages; the second of each is lost unanswered and not resent.
        assertThat(sent).isEqualTo(3);
        assertThat(server.subjects()).containsExactlyElementsOf(subjects("m", 6));
        assertThat(server.connections()).isEqualTo(3);
    }

    @ParameterizedTest(name = "pool.max-connections={0}")
    @ValueSource(ints = { 0, 2 })
    void theMessageCapReplacesAConnectionAfterThatManyMessages(int poolSize) throws Exception {
        server = new FlakySmtpServer();
        Mailer mailer = mailer("mail.pool.max-connections", Integer.toString(poolSize),
                "mail.pool.max-messages-per-connection", "3");

        int sent = mailer.sendMassMail(messages("m", 10));

        assertThat(sent).isEqualTo(10);
        assertThat(server.subjects()).containsExactlyInAnyOrderElementsOf(subjects("m", 10));
        assertThat(server.messagesPerConnection()).allSatisfy(n -> assertThat(n).isBetween(1, 3));
        assertThat(server.messagesPerConnection().stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
        await(() -> server.quits() >= server.connections() - (poolSize == 0 ? 0 : poolSize),
                "every replaced connection ends with QUIT");
    }

    @Test
    void anExplicitlyOpenedConnectionAlsoHonoursTheMessageCap() throws Exception {
        server = new FlakySmtpServer();
        Mailer mailer = mailer("mail.pool.max-messages-per-connection", "2");

        try (EmailBackend connection = mailer.connection()) {
            assertThat(connection.open()).isTrue();
            assertThat(connection.sendMessages(messages("a", 3))).isEqualTo(3);
            assertThat(connection.sendMessages(messages("b", 2))).isEqualTo(2);
        }

        assertThat(server.messagesPerConnection()).containsExactly(2, 2, 1);
    }

    @Test
    void sendMassMailSpreadsABatchOverThePoolAndKeepsTheConnectionsForTheNextCall() throws Exception {
        server = new FlakySmtpServer();
        Mailer mailer = mailer("mail.pool.max-connections", "3");

        assertThat(mailer.sendMassMail(messages("a", 300))).isEqualTo(300);
        int afterFirst = server.connections();
        assertThat(mailer.sendMassMail(messages("b", 300))).isEqualTo(300);

        List<String> expected = new ArrayList<>(subjects("a", 300));
        expected.addAll(subjects("b", 300));
        assertThat(server.subjects()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(afterFirst).isBetween(2, 3);
        assertThat(server.connections()).isEqualTo(afterFirst); // reused, none opened for the second call
        assertThat(server.mostOpenAtOnce()).isLessThanOrEqualTo(3);
        assertThat(server.quits()).isZero();
    }

    @Test
    void concurrentCallersShareThePoolWithoutEverOpeningMoreConnections() throws Exception {
        server = new FlakySmtpServer();
        Mailer mailer = mailer("mail.pool.max-connections", "2");

        int sent = Parallel.run(8, 25, i -> mailer.send(messages("m" + i + "-", 1).get(0)));

        assertThat(sent).isEqualTo(200);
        assertThat(server.subjects()).hasSize(200).doesNotHaveDuplicates();
        assertThat(server.connections()).isLessThanOrEqualTo(2);
        assertThat(server.mostOpenAtOnce()).isLessThanOrEqualTo(2);
    }

    @Test
    void idlePooledConnectionsAreClosedWithQuitAfterTheIdleTimeout() throws Exception {
        server = new FlakySmtpServer();
        Mailer mailer = mailer("mail.pool.max-connections", "2", "mail.pool.idle-timeout", "0.3");

        assertThat(mailer.sendMassMail(messages("m", 40))).isEqualTo(40);

        await(() -> server.quits() == server.connections(), "every idle connection is closed with QUIT");
        assertThat(server.closedByServer()).isZero();
    }

    @Test
    void stoppingTheContainerClosesThePooledConnectionsWithQuit() throws Exception {
        server = new FlakySmtpServer();
        Mailer mailer = mailer("mail.pool.max-connections", "2");
        assertThat(mailer.sendMassMail(messages("m", 40))).isEqualTo(40);
        assertThat(server.quits()).isZero();

        container.close();
        container = null;

        await(() -> server.quits() == server.connections(), "every pooled connection is closed with QUIT");
    }

    @Test
    void withoutAPoolEveryCallOpensAndClosesItsOwnConnectionAsDjangoDoes() throws Exception {
        server = new FlakySmtpServer();
        Mailer mailer = mailer();

        mailer.send(messages("a", 1).get(0));
        mailer.send(messages("b", 1).get(0));

        await(() -> server.quits() == 2, "each connection is closed with QUIT");
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void aCallWithItsOwnCredentialsNeverUsesThePool() throws Exception {
        server = new FlakySmtpServer();
        Mailer mailer = mailer("mail.pool.max-connections", "1", "mail.allow-plaintext-auth", "true");

        try {
            mailer.send(messages("own", 1).get(0), SendOptions.builder().authUser("someone").authPassword("secret").build());
        } catch (MailException e) {
            // This server offers no AUTH; whether Jakarta Mail then sends or refuses does not matter here.
        }
        await(() -> server.openNow() == 0, "the connection with its own credentials is closed, not pooled");
        mailer.send(messages("a", 1).get(0));
        mailer.send(messages("b", 1).get(0));

        assertThat(server.connections()).isEqualTo(2); // its own, then one pooled connection for both
        assertThat(server.openNow()).isEqualTo(1);
    }
}

package org.cdimail.impl.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cdimail.EmailMessage;
import org.cdimail.Mailer;
import org.cdimail.Outbox;
import org.cdimail.Receipt;
import org.cdimail.impl.backend.console.ConsoleBackend;
import org.cdimail.impl.backend.dummy.DummyBackend;
import org.cdimail.impl.backend.file.FileBackend;
import org.cdimail.impl.backend.locmem.LocmemBackend;
import org.cdimail.impl.backend.locmem.LocmemOutbox;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.impl.mime.RenderSettings;
import org.cdimail.impl.support.MailContainer;
import org.cdimail.impl.support.Parallel;
import org.cdimail.inject.Backend;
import org.cdimail.spi.EmailBackend;

/** The console, file, locmem and dummy backends, directly, through injection and through the facade. */
class LocalBackendsTest {

    private static final String DASHES = "-".repeat(79);
    private static final MimeRenderer RENDERER = new MimeRenderer(RenderSettings.defaults());

    private static EmailMessage message(String subject) {
        return EmailMessage.builder().subject(subject).body("Body of " + subject).from("from@example.com")
                .to("ada@example.com").build();
    }

    private static final EmailMessage NOBODY = EmailMessage.builder().subject("Nobody").body("x").build();

    @Dependent
    static class Client {
        @Inject
        @Backend("locmem")
        EmailBackend locmem;
        @Inject
        @Backend("locmem")
        Outbox locmemOutbox;
        @Inject
        @Backend("dummy")
        EmailBackend dummy;
        @Inject
        @Backend("dummy")
        Mailer dummyMailer;
        @Inject
        @Backend("file")
        EmailBackend file;
        @Inject
        @Backend("file")
        Mailer fileMailer;
    }

    @Test
    void consoleFileAndLocmemReceiptsCarryTheMessageIdEachMessageWasWrittenWith(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        LocmemOutbox outbox = new LocmemOutbox("receipts");
        List<Receipt> printed = new ConsoleBackend(new PrintStream(console, true, StandardCharsets.UTF_8), RENDERER)
                .deliver(List.of(message("One"), message("Two")));
        List<Receipt> filed = new FileBackend(dir, RENDERER, false).deliver(List.of(message("One"), message("Two")));
        List<Receipt> kept = new LocmemBackend(outbox, RENDERER).deliver(List.of(message("One"), message("Two")));
        String file;
        try (Stream<Path> files = Files.list(dir)) {
            file = Files.readString(files.findFirst().orElseThrow());
        }
        for (List<Receipt> receipts : List.of(printed, filed, kept)) {
            assertThat(receipts).extracting(Receipt::status).containsExactly(Receipt.Status.SENT, Receipt.Status.SENT);
            assertThat(receipts.get(0).messageId()).isPresent().isNotEqualTo(receipts.get(1).messageId());
        }
        for (int i = 0; i < 2; i++) {
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("Message-ID: " + printed.get(i).messageId().get());
            assertThat(file).contains("Message-ID: " + filed.get(i).messageId().get());
            assertThat(outbox.messages().get(i).headers()).containsEntry("Message-ID", kept.get(i).messageId().get());
        }
    }

    @Test
    void locmemKeepsWhatItSentInItsAliasOutbox(@TempDir Path dir) {
        try (MailContainer container = MailContainer.with("mail.file-path", dir.toString()).beans(Client.class).start()) {
            Client client = container.select(Client.class);
            assertThat(client.locmem.sendMessages(List.of(message("One"), NOBODY, message("Two")))).isEqualTo(2);
            assertThat(client.locmemOutbox.messages()).extracting(EmailMessage::subject).containsExactly("One", "Two");
            assertThat(client.locmemOutbox.sentTo("ada@example.com")).hasSize(2);
            client.locmemOutbox.clear();
            assertThat(client.locmemOutbox.size()).isZero();
        }
    }

    /** Reproduces Django's outbox, whose messages carry {@code DEFAULT_FROM_EMAIL} when sent without a sender. */
    @Test
    void locmemKeepsTheAliasDefaultSenderOfAMessageSentWithoutOne(@TempDir Path dir) {
        try (MailContainer container = MailContainer.with("mail.locmem.default-from", "alerts@example.com",
                "mail.file-path", dir.toString()).beans(Client.class).start()) {
            Client client = container.select(Client.class);
            EmailMessage anonymous = EmailMessage.builder().subject("No sender").to("ada@example.com").build();
            client.locmem.sendMessages(List.of(anonymous, message("Own sender")));
            assertThat(client.locmemOutbox.messages()).extracting(m -> m.from().orElse(null))
                    .containsExactly("alerts@example.com", "from@example.com");
        }
    }

    @Test
    void locmemRefusesWhatSmtpWouldRefuseBecauseItRendersEveryMessage() {
        LocmemOutbox outbox = new LocmemOutbox("test");
        EmailBackend locmem = new LocmemBackend(outbox, RENDERER);
        EmailMessage unicodeLocalPart = EmailMessage.builder().subject("x").to("jürgen@example.com").build();
        assertThatThrownBy(() -> locmem.sendMessages(List.of(unicodeLocalPart)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(outbox.size()).isZero();
    }

    /**
     * Issue 16: file and console render for no server, so a local part beyond ASCII, which only an
     * SMTPUTF8 server accepts, is refused naming the header and saying so; nothing is written.
     */
    @Test
    void fileAndConsoleRefuseALocalPartBeyondAsciiSayingItNeedsAnSmtpUtf8Server(@TempDir Path dir) throws IOException {
        EmailMessage unicodeLocalPart = EmailMessage.builder().subject("x").to("j\u00fcrgen@example.com").build();
        try (MailContainer container = MailContainer.with("mail.file-path", dir.toString()).beans(Client.class)
                .start()) {
            Client client = container.select(Client.class);
            EmailBackend console = container.select(EmailBackend.class, Backend.Literal.of("console"));
            for (EmailBackend backend : List.of(client.file, console)) {
                assertThatThrownBy(() -> backend.sendMessages(List.of(unicodeLocalPart)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'To'")
                        .hasMessageContaining("SMTPUTF8").hasMessageContaining("file and console")
                        .hasMessageNotContaining("j\u00fcrgen");
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toFile().length() > 0)).isEmpty();
        }
    }

    @Test
    void locmemOutboxesAreClearedAllAtOnce() {
        LocmemOutbox first = new LocmemOutbox("a");
        LocmemOutbox second = new LocmemOutbox("b");
        new LocmemBackend(first, RENDERER).sendMessages(List.of(message("1")));
        new LocmemBackend(second, RENDERER).sendMessages(List.of(message("2")));
        LocmemOutbox.clearAll();
        assertThat(first.size() + second.size()).isZero();
    }

    @Test
    void dummyCountsAndSendsNothing(@TempDir Path dir) {
        try (MailContainer container = MailContainer.with("mail.file-path", dir.toString()).beans(Client.class).start()) {
            Client client = container.select(Client.class);
            assertThat(client.dummy).isInstanceOf(DummyBackend.class);
            assertThat(client.dummy.sendMessages(List.of(message("1"), message("2"), NOBODY))).isEqualTo(2);
            assertThat(client.dummyMailer.sendMail("S", "B", null, List.of("ada@example.com"))).isEqualTo(1);
            assertThat(client.dummy.sendMessages(List.of())).isZero();
        }
    }

    @Test
    void consoleWritesEachFullMessageFollowedBy79Dashes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleBackend console = new ConsoleBackend(new PrintStream(bytes, true, StandardCharsets.UTF_8), RENDERER);
        assertThat(console.sendMessages(List.of(message("First"), NOBODY, message("Second")))).isEqualTo(2);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("Subject: First").contains("Body of First").contains("Subject: Second")
                .doesNotContain("Nobody");
        assertThat(out.split("\n" + DASHES + "\n", -1)).hasSize(3);
        assertThat(out).endsWith("\n" + DASHES + "\n");
    }

    @Test
    void consoleIsTheStandardOutputByDefaultThroughTheFacade() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MailContainer container = MailContainer.with("mail.backend", "console").start()) {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertThat(container.select(Mailer.class).sendMail("Hello console", "Body", null, List.of("ada@example.com")))
                    .isEqualTo(1);
        } finally {
            System.setOut(original);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Subject: Hello console")
                .contains("From: webmaster@localhost").contains(DASHES);
    }

    @Dependent
    static class ConsoleClient {
        @Inject
        @Backend("console")
        EmailBackend console;
    }

    @Test
    void anInjectedConsoleConnectionWritesToStandardOutput() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MailContainer container = MailContainer.empty(ConsoleClient.class)) {
            EmailBackend console = container.select(ConsoleClient.class).console;
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertThat(console.open()).isFalse();
            assertThat(console.sendMessages(List.of(message("Injected console")))).isEqualTo(1);
            console.close();
        } finally {
            System.setOut(original);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Subject: Injected console").endsWith(DASHES + "\n");
    }

    @Test
    void consoleCanWriteToStandardError() {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MailContainer container = MailContainer.with("mail.backend", "console", "mail.console-stream", "stderr").start()) {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            container.select(Mailer.class).sendMail("To stderr", "Body", null, List.of("ada@example.com"));
        } finally {
            System.setErr(original);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Subject: To stderr");
    }

    @Test
    void consoleFromManyThreadsKeepsMessagesWhole() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleBackend console = new ConsoleBackend(new PrintStream(bytes, true, StandardCharsets.UTF_8), RENDERER);
        int sent = Parallel.run(8, 25, i -> console.sendMessages(List.of(message("Message " + i))));
        assertThat(sent).isEqualTo(200);
        String[] parts = bytes.toString(StandardCharsets.UTF_8).split("\n" + DASHES + "\n");
        assertThat(parts).hasSize(200).allSatisfy(p -> assertThat(p).contains("Subject: Message ").contains("Body of Message"));
    }

    @Test
    void fileWritesOneFilePerConnectionWithMessagesSeparatedBy79Dashes(@TempDir Path dir) throws IOException {
        try (MailContainer container = MailContainer.with("mail.file-path", dir.toString()).beans(Client.class).start()) {
            Client client = container.select(Client.class);
            assertThat(client.file).isInstanceOf(FileBackend.class);
            assertThat(client.file.sendMessages(List.of(message("One"), message("Two")))).isEqualTo(2);
            assertThat(client.fileMailer.sendMail("Three", "Body", null, List.of("bob@example.com"))).isEqualTo(1);
        }
        List<Path> files = files(dir);
        assertThat(files).hasSize(2);
        List<String> contents = new ArrayList<>();
        for (Path file : files) {
            contents.add(Files.readString(file));
        }
        assertThat(contents).anySatisfy(c -> assertThat(c).contains("Subject: One").contains("Subject: Two")
                .endsWith("\n" + DASHES + "\n"));
        assertThat(contents).anySatisfy(c -> assertThat(c).contains("Subject: Three"));
    }

    @Test
    void fileReusesTheFileOfAnOpenConnection(@TempDir Path dir) throws IOException {
        try (FileBackend file = new FileBackend(dir, RENDERER, false)) {
            assertThat(file.open()).isTrue();
            assertThat(file.open()).isFalse();
            file.sendMessages(List.of(message("One")));
            file.sendMessages(List.of(message("Two")));
        }
        List<Path> files = files(dir);
        assertThat(files).hasSize(1);
        assertThat(Files.readString(files.get(0))).contains("Subject: One").contains("Subject: Two");
    }

    @Test
    void twoFileConnectionsOpenedInTheSameSecondGetTwoFiles(@TempDir Path dir) throws IOException {
        List<FileBackend> connections = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            FileBackend file = new FileBackend(dir, RENDERER, false);
            file.open();
            connections.add(file);
        }
        connections.forEach(FileBackend::close);
        assertThat(files(dir)).hasSize(20);
    }

    @Test
    void fileLifecycleFollowsDjango(@TempDir Path dir) throws IOException {
        FileBackend file = new FileBackend(dir.resolve("new"), RENDERER, false);
        file.close(); // never opened: no-op
        assertThat(file.sendMessages(List.of())).isZero();
        assertThat(file.sendMessages(List.of(NOBODY))).isZero();
        assertThat(dir.resolve("new")).doesNotExist();
        file.sendMessages(List.of(message("Alone")));
        assertThat(file.file()).isEmpty(); // it opened and closed around itself
        file.close();
        file.close();
        assertThat(files(dir.resolve("new"))).hasSize(1);
    }

    @Test
    void aFileConnectionThatCannotCreateItsFileFailsOrFailsSilently(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain"), "x");
        assertThatThrownBy(() -> new FileBackend(notADirectory, RENDERER, false).sendMessages(List.of(message("x"))))
                .isInstanceOf(org.cdimail.MailException.class).hasMessageContaining("mail.file-path");
        assertThat(new FileBackend(notADirectory, RENDERER, true).sendMessages(List.of(message("x")))).isZero();
    }

    @Test
    void fileFromManyThreadsOnOneOpenConnectionWritesEveryMessageOnce(@TempDir Path dir) throws Exception {
        try (FileBackend file = new FileBackend(dir, RENDERER, false)) {
            file.open();
            assertThat(Parallel.run(8, 25, i -> file.sendMessages(List.of(message("Message " + i))))).isEqualTo(200);
        }
        String content = Files.readString(files(dir).get(0));
        for (int i = 0; i < 200; i++) {
            assertThat(content).contains("Subject: Message " + i + "\r\n");
        }
        assertThat(content.split("\n" + DASHES + "\n")).hasSize(200);
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }
}

package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.cdimail.MailException;
import org.cdimail.Mailer;
import org.cdimail.impl.backend.smtp.WirePeer.Conversation;
import org.cdimail.impl.backend.smtp.WirePeer.Delivered;
import org.cdimail.impl.backend.smtp.WirePeer.Reply;
import org.cdimail.impl.support.MailContainer;

/**
 * cdi-mail's own SMTP client, {@link SmtpWire}, against {@link WirePeer}, which records every
 * byte and the order of commands and replies: pipelining, 8BITMIME, refusals and the {@code RSET}
 * that follows them, lost connections and whether the message may be resent, timeouts, content
 * that cannot be read, AUTH and EHLO fallback. Where resending matters the test goes through the
 * {@link Mailer}, i.e. {@link SmtpConnection}.
 */
class SmtpWireTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final String FROM = "from@example.com";

    private WirePeer peer;
    private SmtpWire wire;
    private MailContainer container;

    @BeforeEach
    void startPeer() throws IOException {
        peer = new WirePeer();
    }

    @AfterEach
    void stop() throws IOException {
        if (wire != null) {
            wire.close();
        }
        if (container != null) {
            container.close();
        }
        peer.close();
    }

    private SmtpWire connect() throws MessagingException {
        return connect(2000, null, null);
    }

    private SmtpWire connect(long timeoutMillis, String user, String password) throws MessagingException {
        wire = SmtpWire.connect(new SmtpWire.Endpoint("127.0.0.1", peer.port(), timeoutMillis, null, false, false),
                user, password);
        return wire;
    }

    private static MimeMessage message(String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(new InternetAddress(FROM));
        message.setRecipients(Message.RecipientType.TO, "to@example.com");
        message.setSubject(subject);
        message.setText("Body of " + subject + "\n.a line starting with a dot\n", "UTF-8");
        return message;
    }

    private static List<InternetAddress> addresses(String... addresses) {
        return Arrays.stream(addresses).map(a -> {
            try {
                return new InternetAddress(a);
            } catch (MessagingException e) {
                throw new IllegalArgumentException(e);
            }
        }).toList();
    }

    private static void send(SmtpWire wire, String subject, String... recipients) throws MessagingException {
        wire.send(new InternetAddress(FROM), addresses(recipients), message(subject));
    }

    private static List<String> strings(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
    }

    private static Reply replyTo(Conversation conversation, String commandPrefix) {
        return conversation.replies.stream().filter(r -> r.command().startsWith(commandPrefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no reply to " + commandPrefix + " in " + conversation.replies));
    }

    private static int indexOf(Conversation conversation, String commandPrefix) {
        List<String> commands = List.copyOf(conversation.commands);
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith(commandPrefix)) {
                return i;
            }
        }
        throw new AssertionError("no " + commandPrefix + " in " + commands);
    }

    private static boolean hasSubject(Delivered delivered, String subject) {
        return delivered.content().contains("\r\nSubject: " + subject + "\r\n")
                || delivered.content().startsWith("Subject: " + subject + "\r\n");
    }

    /** The command before the {@code n}th (from 0) {@code MAIL FROM} of a conversation. */
    private static String commandBeforeMail(Conversation conversation, int n) {
        List<String> commands = List.copyOf(conversation.commands);
        int seen = 0;
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith("MAIL FROM")) {
                if (seen++ == n) {
                    return commands.get(i - 1);
                }
            }
        }
        throw new AssertionError("fewer than " + (n + 1) + " MAIL FROM in " + commands);
    }

    // --- pipelining and 8BITMIME ---------------------------------------------------------------

    @Test
    void withPipeliningMailEveryRcptAndDataReachTheServerBeforeItAnswersMail() throws Exception {
        peer.script().pipelining(true);
        send(connect(), "Pipelined", "a@example.com", "b@example.com", "c@example.com");

        Conversation conversation = peer.conversation(1);
        int data = indexOf(conversation, "DATA");
        assertThat(replyTo(conversation, "MAIL FROM").commandsReadWhenWritten())
                .as("commands read when MAIL FROM was answered: %s", conversation.commands).isGreaterThan(data);
        assertThat(conversation.earlyTalk).as("sent before their reply was due").startsWith(
                "MAIL FROM:<from@example.com> BODY=8BITMIME", "RCPT TO:<a@example.com>", "RCPT TO:<b@example.com>",
                "RCPT TO:<c@example.com>");
        assertThat(conversation.earlyTalk).as("DATA waits for 354, the dot for its reply")
                .doesNotContain("DATA", ".").noneMatch(c -> c.startsWith("EHLO"));
        assertThat(peer.delivered()).singleElement()
                .satisfies(d -> assertThat(d.recipients()).containsExactly("a@example.com", "b@example.com",
                        "c@example.com"));
    }

    @Test
    void withPipeliningTheRsetAfterARefusalLeavesWithTheNextTransaction() throws Exception {
        peer.script().pipelining(true).refusingSenders("refused@example.com");
        connect();
        assertThatThrownBy(() -> wire.send(new InternetAddress("refused@example.com"), addresses("a@example.com"),
                message("Refused"))).isInstanceOf(SendFailedException.class);
        send(wire, "Second", "a@example.com");

        Conversation conversation = peer.conversation(1);
        Reply reset = conversation.replies.stream().filter(r -> r.command().equals("RSET")).findFirst().orElseThrow();
        assertThat(reset.commandsReadWhenWritten()).as("RSET answered after the next DATA was read: %s",
                conversation.commands).isGreaterThan(conversation.commands.lastIndexOf("DATA"));
    }

    @ParameterizedTest(name = "second transaction too, refused recipient in between: {0}")
    @ValueSource(booleans = { false, true })
    void withoutPipeliningNoCommandIsSentBeforeThePreviousReply(boolean refuseOne) throws Exception {
        peer.script().pipelining(false);
        if (refuseOne) {
            peer.script().refusingRecipients("b@example.com");
        }
        connect();
        catchThrowable(() -> send(wire, "First", "a@example.com", "b@example.com", "c@example.com"));
        send(wire, "Second", "a@example.com", "c@example.com");
        wire.close();
        Conversation conversation = peer.conversation(1);
        WirePeer.await(() -> conversation.ended, "the connection closed");

        assertThat(conversation.earlyTalk).as("commands sent before their reply was due").isEmpty();
        assertThat(conversation.commandsStartingWith("MAIL FROM")).hasSize(2);
        List<Reply> replies = List.copyOf(conversation.replies);
        for (int i = 1; i < replies.size(); i++) { // reply i answers command i - 1: nothing more was read
            assertThat(replies.get(i).commandsReadWhenWritten()).as("commands read when %s was answered",
                    replies.get(i).command()).isEqualTo(i);
        }
        assertThat(conversation.commands).last().isEqualTo("QUIT");
        assertThat(peer.delivered()).hasSize(2);
    }

    @ParameterizedTest(name = "8BITMIME offered: {0}")
    @ValueSource(booleans = { false, true })
    void body8bitmimeIsDeclaredExactlyWhenTheServerOffersIt(boolean offered) throws Exception {
        peer.script().eightBit(offered);
        send(connect(), "Eight", "a@example.com");
        send(wire, "Bits", "a@example.com");

        List<String> mails = peer.conversation(1).commandsStartingWith("MAIL FROM");
        assertThat(mails).hasSize(2).allSatisfy(mail -> assertThat(mail).isEqualTo(
                offered ? "MAIL FROM:<from@example.com> BODY=8BITMIME" : "MAIL FROM:<from@example.com>"));
    }

    @Test
    void ehloAnswered502FallsBackToHeloAndUsesNoExtension() throws Exception {
        peer.script().ehloReply(502).pipelining(true).eightBit(true);
        send(connect(), "Old server", "a@example.com", "b@example.com");

        Conversation conversation = peer.conversation(1);
        assertThat(conversation.commands.get(0)).startsWith("EHLO ");
        assertThat(conversation.commands.get(1)).startsWith("HELO ");
        assertThat(conversation.commandsStartingWith("MAIL FROM")).containsExactly("MAIL FROM:<from@example.com>");
        assertThat(conversation.earlyTalk).as("no pipelining without EHLO").isEmpty();
        assertThat(peer.delivered()).hasSize(1);
    }

    // --- content ---------------------------------------------------------------------------------

    @Test
    void theContentArrivesWithCrlfLineEndsDotsIntactAndWithoutBcc() throws Exception {
        MimeMessage message = message("Content");
        message.setRecipients(Message.RecipientType.BCC, "hidden@example.com");
        message.setText("first\n.second starts with a dot\n..third\r.fourth\r\nlast", "UTF-8");
        connect().send(new InternetAddress(FROM), addresses("a@example.com", "hidden@example.com"), message);

        Conversation conversation = peer.conversation(1);
        assertThat(conversation.bareLineEnding).isFalse();
        String content = peer.delivered().get(0).content();
        assertThat(content).contains("\r\nfirst\r\n.second starts with a dot\r\n..third\r\n.fourth\r\nlast\r\n")
                .doesNotContainIgnoringCase("bcc:").doesNotContain("hidden@example.com");
        assertThat(conversation.raw()).contains("\r\n..second starts with a dot\r\n...third\r\n..fourth\r\n");
    }

    // --- refusals ------------------------------------------------------------------------------

    @ParameterizedTest(name = "pipelining: {0}")
    @ValueSource(booleans = { false, true })
    void oneRefusedRecipientOfThreeStillGetsTheMessageToTheOtherTwo(boolean pipelining) throws Exception {
        peer.script().pipelining(pipelining).refusingRecipients("b@example.com");
        connect();
        SendFailedException refused = catchThrowableOfType(SendFailedException.class,
                () -> send(wire, "Two of three", "a@example.com", "b@example.com", "c@example.com"));

        assertThat(refused).isNotNull();
        assertThat(strings(refused.getValidSentAddresses())).containsExactly("a@example.com", "c@example.com");
        assertThat(strings(refused.getValidUnsentAddresses())).isEmpty();
        assertThat(strings(refused.getInvalidAddresses())).containsExactly("b@example.com");
        assertThat(refused.getMessage()).startsWith("CDIMAIL-").doesNotContain("@");
        assertThat(peer.delivered()).singleElement().satisfies(d -> {
            assertThat(d.recipients()).containsExactly("a@example.com", "c@example.com");
            assertThat(hasSubject(d, "Two of three")).isTrue();
        });
        assertThat(wire.isOpen()).isTrue();
    }

    @ParameterizedTest(name = "pipelining: {0}")
    @ValueSource(booleans = { false, true })
    void everyRecipientRefusedSendsNoContentAndTheNextMessageFollowsAnRset(boolean pipelining) throws Exception {
        peer.script().pipelining(pipelining).refusingRecipients("a@example.com", "b@example.com", "c@example.com");
        connect();
        SendFailedException refused = catchThrowableOfType(SendFailedException.class,
                () -> send(wire, "Nobody", "a@example.com", "b@example.com", "c@example.com"));

        assertThat(refused).isNotNull();
        assertThat(strings(refused.getInvalidAddresses())).hasSize(3);
        assertThat(strings(refused.getValidSentAddresses())).isEmpty();
        Conversation conversation = peer.conversation(1);
        assertThat(conversation.raw()).doesNotContain("Subject: Nobody");
        assertThat(conversation.commands).doesNotContain(".");
        assertThat(wire.isOpen()).isTrue();

        send(wire, "Somebody", "d@example.com");
        assertThat(peer.delivered()).singleElement().satisfies(d -> {
            assertThat(d.recipients()).containsExactly("d@example.com");
            assertThat(hasSubject(d, "Somebody")).isTrue();
        });
        assertThat(commandBeforeMail(conversation, 1)).isEqualTo("RSET");
        assertThat(peer.connections()).isEqualTo(1);
    }

    @ParameterizedTest(name = "pipelining: {0}")
    @ValueSource(booleans = { false, true })
    void aRefusedSenderLeavesTheConnectionUsableAndTheNextMessageFollowsAnRset(boolean pipelining)
            throws Exception {
        peer.script().pipelining(pipelining).refusingSenders("refused@example.com");
        connect();
        SendFailedException refused = catchThrowableOfType(SendFailedException.class,
                () -> wire.send(new InternetAddress("refused@example.com"), addresses("a@example.com", "b@example.com"),
                        message("Refused sender")));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("550").contains("MAIL FROM").doesNotContain("@");
        assertThat(strings(refused.getValidSentAddresses())).isEmpty();
        assertThat(strings(refused.getValidUnsentAddresses())).containsExactly("a@example.com", "b@example.com");
        assertThat(peer.conversation(1).raw()).doesNotContain("Subject: Refused sender");

        send(wire, "Accepted sender", "a@example.com");
        assertThat(peer.delivered()).singleElement().satisfies(d -> assertThat(d.sender()).isEqualTo(FROM));
        assertThat(commandBeforeMail(peer.conversation(1), 1)).isEqualTo("RSET");
    }

    @ParameterizedTest(name = "pipelining: {0}")
    @ValueSource(booleans = { false, true })
    void dataAnswered554IsARefusalAndTheConnectionStaysUsable(boolean pipelining) throws Exception {
        peer.script(1).pipelining(pipelining).dataReply(554);
        connect();
        SendFailedException refused = catchThrowableOfType(SendFailedException.class,
                () -> send(wire, "No data", "a@example.com"));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("554").contains("DATA");
        assertThat(strings(refused.getValidSentAddresses())).isEmpty();
        assertThat(strings(refused.getValidUnsentAddresses())).containsExactly("a@example.com");
        assertThat(peer.conversation(1).raw()).doesNotContain("Subject: No data");
        assertThat(wire.isOpen()).isTrue();

        peer.script(1).dataReply(354);
        send(wire, "Data", "a@example.com");
        assertThat(peer.delivered()).hasSize(1);
        assertThat(commandBeforeMail(peer.conversation(1), 1)).isEqualTo("RSET");
    }

    @ParameterizedTest(name = "final dot answered {0}")
    @ValueSource(ints = { 451, 554 })
    void aRefusedFinalDotIsReportedNotRetriedAndTheConnectionStaysUsable(int code) throws Exception {
        peer.script(1).dotReply(code);
        connect();
        SendFailedException refused = catchThrowableOfType(SendFailedException.class,
                () -> send(wire, "Not taken", "a@example.com"));

        assertThat(refused).isNotNull().isNotInstanceOf(ConnectionLostException.class);
        assertThat(refused.getMessage()).contains(Integer.toString(code));
        assertThat(strings(refused.getValidSentAddresses())).isEmpty();
        Conversation conversation = peer.conversation(1);
        assertThat(conversation.commands.stream().filter("."::equals)).hasSize(1);
        assertThat(wire.isOpen()).isTrue();

        peer.script(1).dotReply(250);
        send(wire, "Taken", "a@example.com");
        assertThat(peer.delivered()).singleElement().satisfies(d -> assertThat(hasSubject(d, "Taken")).isTrue());
        assertThat(conversation.commands.stream().filter("."::equals)).hasSize(2);
        assertThat(peer.connections()).isEqualTo(1);
    }

    // --- lost connections ----------------------------------------------------------------------

    @ParameterizedTest(name = "pipelining: {0}")
    @ValueSource(booleans = { false, true })
    void mailAnswered421IsALostConnectionBeforeTheContent(boolean pipelining) throws Exception {
        peer.script().pipelining(pipelining).answer421To("MAIL");
        connect();
        ConnectionLostException lost = catchThrowableOfType(ConnectionLostException.class,
                () -> send(wire, "Closing", "a@example.com", "b@example.com"));

        assertThat(lost).isNotNull();
        assertThat(lost.contentSent()).isFalse();
        assertThat(wire.isOpen()).isFalse();
        assertThat(peer.conversation(1).raw()).doesNotContain("Subject: Closing");
        assertThatThrownBy(() -> send(wire, "After", "a@example.com")).isInstanceOf(ConnectionLostException.class);
    }

    @Test
    void theFinalDotAnswered421IsALostConnectionAfterTheContent() throws Exception {
        peer.script().answer421To(".");
        connect();
        ConnectionLostException lost = catchThrowableOfType(ConnectionLostException.class,
                () -> send(wire, "Closing at the dot", "a@example.com"));

        assertThat(lost).isNotNull();
        assertThat(lost.contentSent()).isTrue();
        assertThat(wire.isOpen()).isFalse();
    }

    @Test
    void aServerHangingUpAfterTheFinalDotIsALostConnectionAfterTheContent() throws Exception {
        peer.script().closeOn(".");
        connect();
        ConnectionLostException lost = catchThrowableOfType(ConnectionLostException.class,
                () -> send(wire, "Hung up", "a@example.com"));

        assertThat(lost).isNotNull();
        assertThat(lost.contentSent()).isTrue();
        assertThat(wire.isOpen()).isFalse();
        assertThat(peer.delivered()).hasSize(1);
    }

    @Test
    void aServerHangingUpOnRcptIsALostConnectionBeforeTheContent() throws Exception {
        peer.script().pipelining(false).closeOn("RCPT");
        connect();
        ConnectionLostException lost = catchThrowableOfType(ConnectionLostException.class,
                () -> send(wire, "Hung up early", "a@example.com"));

        assertThat(lost).isNotNull();
        assertThat(lost.contentSent()).isFalse();
        assertThat(wire.isOpen()).isFalse();
    }

    // --- through SmtpConnection: resent or not -------------------------------------------------

    private Mailer mailer() {
        container = MailContainer.with("mail.host", "127.0.0.1", "mail.port", Integer.toString(peer.port()),
                "mail.timeout", "PT2S").start();
        return container.select(Mailer.class);
    }

    @Test
    void aMessageLostTo421BeforeItsContentIsDeliveredExactlyOnceOnANewConnection() {
        peer.script(1).answer421To("MAIL");
        int sent = mailer().sendMail("Once", "Body", FROM, List.of("a@example.com", "b@example.com"));

        assertThat(sent).isEqualTo(1);
        assertThat(peer.delivered()).singleElement().satisfies(d -> {
            assertThat(d.connection()).isEqualTo(2);
            assertThat(d.recipients()).containsExactly("a@example.com", "b@example.com");
            assertThat(hasSubject(d, "Once")).isTrue();
        });
        assertThat(peer.connections()).isEqualTo(2);
    }

    @Test
    void aMessageWhoseReplyWasLostAfterTheFinalDotIsNotResent() {
        peer.script(1).closeOn(".");
        Mailer mailer = mailer();

        assertThatThrownBy(() -> mailer.sendMail("Maybe", "Body", FROM, List.of("a@example.com")))
                .isInstanceOf(MailException.class).hasMessageStartingWith("CDIMAIL-");
        assertThat(peer.delivered()).singleElement().satisfies(d -> assertThat(d.connection()).isEqualTo(1));
        assertThat(peer.allCommands().stream().filter(c -> c.startsWith("MAIL FROM"))).hasSize(1);
    }

    @Test
    void aFinalDotAnswered421IsNotResent() {
        peer.script(1).answer421To(".");
        Mailer mailer = mailer();

        assertThatThrownBy(() -> mailer.sendMail("Maybe not", "Body", FROM, List.of("a@example.com")))
                .isInstanceOf(MailException.class);
        assertThat(peer.allCommands().stream().filter("."::equals)).hasSize(1);
        assertThat(peer.allCommands().stream().filter(c -> c.startsWith("MAIL FROM"))).hasSize(1);
    }

    @Test
    void aFinalDotAnswered451IsReportedAndNotRetried() {
        peer.script().dotReply(451);
        Mailer mailer = mailer();

        assertThatThrownBy(() -> mailer.sendMail("Later", "Body", FROM, List.of("a@example.com")))
                .isInstanceOf(MailException.class).hasMessageContaining("451");
        assertThat(peer.allCommands().stream().filter("."::equals)).hasSize(1);
        assertThat(peer.delivered()).isEmpty();
    }

    // --- timeouts ------------------------------------------------------------------------------

    @Test
    void aServerThatNeverGreetsFailsTheConnectWithinTheTimeout() {
        peer.script().silentFrom("");
        long start = System.nanoTime();
        Throwable failure = catchThrowable(() -> connect(1000, null, null));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure).isInstanceOf(MessagingException.class).hasMessageStartingWith("CDIMAIL-00291")
                .hasRootCauseInstanceOf(SocketTimeoutException.class);
        assertThat(elapsed).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aServerThatNeverAnswersTheFinalDotFailsTheSendWithinTheTimeout() throws Exception {
        peer.script().silentFrom(".");
        connect(1000, null, null);
        long start = System.nanoTime();
        ConnectionLostException lost = catchThrowableOfType(ConnectionLostException.class,
                () -> send(wire, "Unanswered", "a@example.com"));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(lost).isNotNull();
        assertThat(lost.contentSent()).isTrue();
        assertThat(lost).hasRootCauseInstanceOf(SocketTimeoutException.class);
        assertThat(elapsed).isLessThan(Duration.ofSeconds(10));
        assertThat(wire.isOpen()).isFalse();
    }

    @Test
    void aServerThatStopsAnsweringAtMailFailsTheSendWithinTheTimeout() throws Exception {
        peer.script().silentFrom("MAIL");
        connect(1000, null, null);
        long start = System.nanoTime();
        ConnectionLostException lost = catchThrowableOfType(ConnectionLostException.class,
                () -> send(wire, "Unanswered", "a@example.com"));

        assertThat(lost).isNotNull();
        assertThat(lost.contentSent()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    // --- content that cannot be read -----------------------------------------------------------

    /** A message whose attachment fails half-way, as a file removed while it is read. */
    private static final class HalfReadableMessage extends MimeMessage {
        private final Exception failure;

        HalfReadableMessage(Exception failure) {
            super(SESSION);
            this.failure = failure;
        }

        @Override
        public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
            out.write("Subject: Half\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] line = "a line of the attachment that was readable\r\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 1000; i++) { // more than the wire's buffer: part of it reaches the server
                out.write(line);
            }
            if (failure instanceof IOException e) {
                throw e;
            }
            throw (MessagingException) failure;
        }
    }

    @Test
    void contentThatFailsToReadMidMessageAbortsTheConnectionWithoutTheFinalDot() throws Exception {
        connect();
        Throwable failure = catchThrowable(() -> wire.send(new InternetAddress(FROM), addresses("a@example.com"),
                new HalfReadableMessage(new IOException("the attached file is gone"))));

        assertThat(failure).isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("the attached file is gone");
        assertThat(wire.isOpen()).isFalse();
        Conversation conversation = peer.conversation(1);
        WirePeer.await(() -> conversation.ended, "the peer to see the connection end");
        assertThat(conversation.endedInData).isTrue();
        assertThat(conversation.raw()).contains("a line of the attachment that was readable");
        assertThat(conversation.commands).doesNotContain(".", "QUIT");
        assertThat(peer.delivered()).isEmpty();
    }

    @Test
    void aMessagingExceptionMidMessageAlsoAbortsTheConnectionWithoutTheFinalDot() throws Exception {
        connect();
        Throwable failure = catchThrowable(() -> wire.send(new InternetAddress(FROM), addresses("a@example.com"),
                new HalfReadableMessage(new MessagingException("cannot encode"))));

        assertThat(failure).isInstanceOf(RuntimeException.class).isNotInstanceOf(MessagingException.class);
        assertThat(wire.isOpen()).isFalse();
        Conversation conversation = peer.conversation(1);
        WirePeer.await(() -> conversation.ended, "the peer to see the connection end");
        assertThat(conversation.endedInData).isTrue();
        assertThat(peer.delivered()).isEmpty();
    }

    // --- AUTH ----------------------------------------------------------------------------------

    @Test
    void authPlainIsPreferredWhenOffered() throws Exception {
        peer.script().auth("LOGIN PLAIN", 235);
        send(connect(2000, "user", "pässword"), "Authenticated", "a@example.com");

        assertThat(peer.authentications()).containsExactly("PLAIN:\0user\0pässword");
        assertThat(peer.conversation(1).commandsStartingWith("AUTH")).singleElement()
                .satisfies(auth -> assertThat(auth).startsWith("AUTH PLAIN "));
        assertThat(peer.delivered()).hasSize(1);
    }

    @Test
    void authLoginIsUsedWhenOnlyLoginIsOffered() throws Exception {
        peer.script().auth("LOGIN", 235);
        send(connect(2000, "user", "secret"), "Logged in", "a@example.com");

        assertThat(peer.authentications()).containsExactly("LOGIN:user:secret");
        assertThat(peer.delivered()).hasSize(1);
    }

    @ParameterizedTest(name = "mechanism offered: {0}")
    @ValueSource(strings = { "PLAIN", "LOGIN" })
    void refusedCredentialsAreAnAuthenticationFailure(String mechanism) {
        peer.script().auth(mechanism, 535);
        Throwable failure = catchThrowable(() -> connect(2000, "user", "wrong"));

        assertThat(failure).isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("CDIMAIL-00294")
                .hasMessageNotContaining("wrong");
        assertThat(peer.authentications()).hasSize(1);
    }

    @Test
    void credentialsWithoutAnyAuthOfferedAreRefusedBeforeSendingThem() {
        peer.script().auth(null, 235);
        Throwable failure = catchThrowable(() -> connect(2000, "user", "secret"));

        assertThat(failure).isInstanceOf(MessagingException.class).hasMessageContaining("CDIMAIL-00293");
        assertThat(peer.conversation(1).commandsStartingWith("AUTH")).isEmpty();
        assertThat(peer.conversation(1).raw()).doesNotContain("secret")
                .doesNotContain(java.util.Base64.getEncoder().encodeToString("secret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anUnknownAuthMechanismIsNotEchoedFromTheServersText() {
        peer.script().auth("CRAM-MD5 X-\u001b[31mEVIL", 235);
        Throwable failure = catchThrowable(() -> connect(2000, "user", "secret"));

        assertThat(failure).isInstanceOf(MessagingException.class).hasMessageContaining("CDIMAIL-00293")
                .hasMessageNotContaining("CRAM-MD5").hasMessageNotContaining("EVIL");
        assertThat(peer.conversation(1).commandsStartingWith("AUTH")).isEmpty();
    }
}

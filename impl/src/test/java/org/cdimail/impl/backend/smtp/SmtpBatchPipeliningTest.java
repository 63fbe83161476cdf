package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.Mailer;
import org.cdimail.SendOptions;
import org.cdimail.impl.backend.smtp.WirePeer.Conversation;
import org.cdimail.impl.support.MailContainer;

/**
 * A batch over one connection with {@code PIPELINING}: each message's transaction goes out with
 * the previous message's final dot (one round trip per message), and a message begun that way is
 * sent next, or abandoned with the connection when the batch stops before it.
 */
class SmtpBatchPipeliningTest {

    private static final String FROM = "from@example.com";

    private WirePeer peer;
    private MailContainer container;

    @BeforeEach
    void startPeer() throws IOException {
        peer = new WirePeer();
    }

    @AfterEach
    void stop() throws IOException {
        if (container != null) {
            container.close();
        }
        peer.close();
    }

    private Mailer mailer() {
        container = MailContainer.with("mail.host", "127.0.0.1", "mail.port", Integer.toString(peer.port()),
                "mail.timeout", "PT2S").start();
        return container.select(Mailer.class);
    }

    private static List<EmailMessage> messages(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> EmailMessage.builder().subject("Message " + i).body("Body " + i).from(FROM)
                        .to("to" + i + "@example.com").build())
                .toList();
    }

    private static List<Integer> indicesOf(List<String> commands, String prefix) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith(prefix)) {
                indices.add(i);
            }
        }
        return indices;
    }

    @Test
    void eachMessageOfABatchGoesOutWithThePreviousMessagesFinalDot() {
        int sent = mailer().sendMassMail(messages(4));

        assertThat(sent).isEqualTo(4);
        assertThat(peer.connections()).isEqualTo(1);
        assertThat(peer.delivered()).extracting(d -> d.recipients().get(0))
                .containsExactly("to1@example.com", "to2@example.com", "to3@example.com", "to4@example.com");
        Conversation conversation = peer.conversation(1);
        WirePeer.await(() -> conversation.ended, "the connection closed"); // QUIT is not waited for
        List<String> commands = conversation.commands;
        List<Integer> mails = indicesOf(commands, "MAIL FROM");
        List<WirePeer.Reply> dotReplies = conversation.replies.stream().filter(r -> r.command().equals(".")).toList();
        assertThat(dotReplies).hasSize(4);
        for (int k = 1; k < 4; k++) {
            assertThat(dotReplies.get(k - 1).commandsReadWhenWritten())
                    .as("commands read when message %d's dot was answered", k)
                    .isGreaterThan(mails.get(k) + 2); // MAIL, RCPT and DATA of message k + 1
        }
        assertThat(conversation.commands).last().isEqualTo("QUIT");
    }

    @Test
    void withoutFailSilentlyAFailedMessageStopsTheBatchAndTheMessageBegunWithItIsAbandoned() {
        peer.script().dotReply(554);
        Throwable failure = catchThrowable(() -> mailer().sendMassMail(messages(3)));
        Conversation conversation = peer.conversation(1);
        WirePeer.await(() -> conversation.ended, "the connection closed");

        assertThat(failure).isInstanceOf(MailException.class);
        assertThat(peer.delivered()).isEmpty();
        assertThat(conversation.commandsStartingWith("MAIL FROM")).as("message 1, and message 2 begun with its dot")
                .hasSize(2);
        assertThat(conversation.endedInData).as("message 2 abandoned in data mode, never given a final dot").isTrue();
        assertThat(conversation.replies.stream().filter(r -> r.command().equals("."))).hasSize(1);
        assertThat(peer.connections()).isEqualTo(1);
    }

    @Test
    void withFailSilentlyEveryMessageOfTheBatchIsTriedOnOneConnection() {
        peer.script().dotReply(554);
        int sent = mailer().sendMassMail(messages(3), SendOptions.builder().failSilently(true).build());

        assertThat(sent).isZero();
        assertThat(peer.connections()).isEqualTo(1);
        Conversation conversation = peer.conversation(1);
        assertThat(conversation.commandsStartingWith("MAIL FROM")).hasSize(3);
        assertThat(conversation.replies.stream().filter(r -> r.command().equals("."))).hasSize(3);
    }

    @Test
    void aBatchLostAfterAFinalDotReportsThatMessageAndNeverResendsIt() {
        peer.script(1).closeOn(".");
        int sent = mailer().sendMassMail(messages(3), SendOptions.builder().failSilently(true).build());

        // Message 1 may have been accepted before the connection was lost: reported, never resent.
        // Message 2, begun with its dot, never had content: sent on a new connection, then message 3.
        assertThat(sent).isEqualTo(2);
        assertThat(peer.allCommands().stream().filter(c -> c.startsWith("RCPT TO:<to1@"))).hasSize(1);
        assertThat(peer.delivered()).extracting(d -> d.recipients().get(0))
                .filteredOn(recipient -> !recipient.equals("to1@example.com"))
                .containsExactly("to2@example.com", "to3@example.com");
        assertThat(peer.delivered()).filteredOn(d -> d.connection() == 2).hasSize(2);
    }
}

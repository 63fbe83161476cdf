package org.cdimail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.Refusal;
import org.cdimail.spi.EmailBackend;
import org.junit.jupiter.api.Test;

/**
 * The outcomes GreenMail cannot produce on demand: recipients refused by the server, and a
 * server that keeps failing. Scripted backends stand in for the SMTP server: one implementing
 * only {@code sendMessages} (receipts from {@code deliver}'s default), one giving receipts itself.
 */
class MassSenderTest {

    /**
     * A backend that gives receipts itself, decided by the test per batch; it records each batch's
     * subjects, and the subjects of the messages its receipts say were sent.
     */
    private static final class ReceiptBackend implements EmailBackend {
        private final Function<List<EmailMessage>, List<Receipt>> answer;
        final List<List<String>> batches = new ArrayList<>();
        final List<String> sent = new ArrayList<>();

        ReceiptBackend(Function<List<EmailMessage>, List<Receipt>> answer) {
            this.answer = answer;
        }

        @Override
        public List<Receipt> deliver(List<EmailMessage> messages) {
            batches.add(messages.stream().map(EmailMessage::subject).toList());
            try {
                return noteSent(answer.apply(messages));
            } catch (MailDeliveryException e) {
                noteSent(e.receipts());
                throw e;
            }
        }

        private List<Receipt> noteSent(List<Receipt> receipts) {
            receipts.stream().filter(Receipt::sent).forEach(r -> sent.add(r.message().orElseThrow().subject()));
            return receipts;
        }
    }

    /** Receipts for a batch: sent until the message {@code refuse} says to refuse, then not attempted. */
    private static List<Receipt> stopAtFirstRefused(List<EmailMessage> messages, Function<EmailMessage, Refusal> refuse) {
        List<Receipt> receipts = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            EmailMessage m = messages.get(i);
            Refusal refusal = refuse.apply(m);
            if (refusal == null) {
                receipts.add(Receipt.builder(i, m).accepted(m.recipients()).build());
                continue;
            }
            receipts.add(Receipt.builder(i, m).refused(refusal).failure("CDIMAIL-00222: refused").build());
            for (int j = i + 1; j < messages.size(); j++) {
                receipts.add(Receipt.notAttempted(j, messages.get(j), messages.get(j).recipients(), "stopped"));
            }
            throw new MailDeliveryException("CDIMAIL-00222: refused", receipts, null);
        }
        return receipts;
    }

    private static String oneRecipientLines(int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            b.append("{\"subject\": \"").append(i).append("\", \"to\": \"a@example.com\"}\n");
        }
        return b.toString();
    }

    private static List<String> subjects(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList();
    }

    /** A backend whose answer to each message is decided by the test. */
    private record ScriptedBackend(Function<EmailMessage, Integer> answer) implements EmailBackend {
        @Override
        public boolean open() {
            return true;
        }

        @Override
        public void close() {
        }

        @Override
        public int sendMessages(List<EmailMessage> messages) {
            return answer.apply(messages.get(0));
        }
    }

    private static MassSendReport run(EmailBackend backend, String lines) throws Exception {
        return run(backend, lines, MassSender.DEFAULT_CHUNK_SIZE);
    }

    private static MassSendReport run(EmailBackend backend, String lines, int chunkSize) throws Exception {
        return run(backend, lines, chunkSize, false);
    }

    /** Sends the lines, read on the calling thread or, {@code prefetching}, on a thread of their own. */
    private static MassSendReport run(EmailBackend backend, String lines, int chunkSize, boolean prefetching)
            throws Exception {
        MassSendReport report = new MassSendReport();
        Progress progress = Progress.forOutput(new PrintWriter(new StringWriter()), OptionalLong.empty());
        ChunkSource source = new LineChunks(new BufferedReader(new StringReader(lines)),
                new JsonMessageParser(Path.of("")), EnvelopeCheck.NONE, chunkSize);
        if (prefetching) {
            try (PrefetchingChunks chunks = new PrefetchingChunks(source)) {
                new MassSender(backend, report, progress).sendAll(chunks);
            }
        } else {
            new MassSender(backend, report, progress).sendAll(source);
        }
        return report;
    }

    private static String lines(int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            b.append("{\"subject\": \"").append(i).append("\", \"to\": [\"a@example.com\", \"b@example.com\"]}\n");
        }
        return b.toString();
    }

    @Test
    void aMessageSomeRecipientsRefusedIsAFailureThatSaysWhomItReached() throws Exception {
        MassSendReport report = run(new ScriptedBackend(m -> {
            if (m.subject().equals("2")) {
                throw new MailDeliveryException("CDIMAIL-00222: the server refused 1 recipient", List.of("a@example.com"),
                        List.of(), List.of("b@example.com"), 1, null);
            }
            return 1;
        }), lines(3));

        assertThat(report.sentCount()).isEqualTo(2);
        assertThat(report.failures()).containsExactly(new MassSendReport.Failure("2",
                "delivered to 1 of 2 recipients, 1 refused: CDIMAIL-00222: the server refused 1 recipient"));
    }

    @Test
    void aMessageAllRecipientsRefusedIsNotSent() throws Exception {
        MassSendReport report = run(new ScriptedBackend(m -> {
            throw new MailDeliveryException("CDIMAIL-00222: refused", List.of(), List.of(),
                    List.of("a@example.com", "b@example.com"), 0, null);
        }), lines(1));

        assertThat(report.sentCount()).isZero();
        assertThat(report.failures()).extracting(MassSendReport.Failure::reason)
                .containsExactly("not sent (2 of 2 recipients refused): CDIMAIL-00222: refused");
    }

    @Test
    void stopsTryingAfterTenServerFailuresInARowAndCountsTheRestAsNotAttempted() throws Exception {
        MassSendReport report = run(new ScriptedBackend(m -> {
            throw new MailException("CDIMAIL-00220: cannot connect");
        }), lines(15) + "\n");

        assertThat(report.lines()).isEqualTo(15);
        assertThat(report.failedCount()).isEqualTo(15);
        assertThat(report.failures()).hasSize(11);
        assertThat(report.failures().get(10)).isEqualTo(new MassSendReport.Failure("11-16",
                "not attempted: the server failed 10 times in a row (last: CDIMAIL-00220: cannot connect)"));
    }

    @Test
    void aSuccessResetsTheCountOfServerFailures() throws Exception {
        int[] calls = {0};
        MassSendReport report = run(new ScriptedBackend(m -> {
            if (++calls[0] == 5) {
                return 1;
            }
            throw new MailException("CDIMAIL-00220: cannot connect");
        }), lines(14));

        assertThat(report.sentCount()).isEqualTo(1);
        assertThat(report.failedCount()).isEqualTo(13);
        assertThat(report.failures()).noneMatch(f -> f.reason().startsWith("not attempted"));
    }

    @Test
    void sendsEachChunkOfLinesWithOneDeliverCall() throws Exception {
        ReceiptBackend backend = new ReceiptBackend(messages -> stopAtFirstRefused(messages, m -> null));

        MassSendReport report = run(backend, oneRecipientLines(1200), 500);

        assertThat(backend.batches).extracting(List::size).containsExactly(500, 500, 200);
        assertThat(backend.sent).isEqualTo(subjects(1, 1200));
        assertThat(report.sentCount()).isEqualTo(1200);
        assertThat(report.failures()).isEmpty();
    }

    @Test
    void readingOnAThreadOfItsOwnSendsTheSameChunksInTheSameOrder() throws Exception {
        ReceiptBackend backend = new ReceiptBackend(messages -> stopAtFirstRefused(messages,
                m -> m.subject().equals("700") ? Refusal.byReply("a@example.com", 550, "5.1.1") : null));

        MassSendReport report = run(backend, oneRecipientLines(1200) + "\n{\"too\": []}\n", 500, true);

        assertThat(backend.batches).extracting(List::size).containsExactly(500, 500, 300, 200);
        assertThat(backend.sent).isEqualTo(subjects(1, 1200).stream().filter(s -> !s.equals("700")).toList());
        assertThat(report.lines()).isEqualTo(1201);
        assertThat(report.failures()).extracting(MassSendReport.Failure::lines).containsExactly("700", "1202");
    }

    @Test
    void readingOnAThreadOfItsOwnGivesUpAndCountsEveryLineLeft() throws Exception {
        ReceiptBackend backend = new ReceiptBackend(messages -> stopAtFirstRefused(messages,
                m -> Refusal.byFailure("a@example.com", 0, true, "connection lost")));

        MassSendReport report = run(backend, oneRecipientLines(2500) + "\n", 100, true);

        assertThat(backend.batches).hasSize(10);
        assertThat(report.lines()).isEqualTo(2500);
        assertThat(report.failedCount()).isEqualTo(2500);
        assertThat(report.failures()).last().isEqualTo(new MassSendReport.Failure("11-2501",
                "not attempted: the server failed 10 times in a row (last: CDIMAIL-00222: refused)"));
    }

    @Test
    void sendsTheRestOfAChunkARefusedMessageLeftUnattemptedInTheNextCallAndNothingTwice() throws Exception {
        ReceiptBackend backend = new ReceiptBackend(messages -> stopAtFirstRefused(messages,
                m -> m.subject().equals("3") || m.subject().equals("7")
                        ? Refusal.byReply("a@example.com", 550, "5.1.1") : null));

        MassSendReport report = run(backend, oneRecipientLines(10), 500);

        assertThat(backend.batches).containsExactly(subjects(1, 10), subjects(4, 10), subjects(8, 10));
        assertThat(backend.sent).containsExactly("1", "2", "4", "5", "6", "8", "9", "10");
        assertThat(report.sentCount()).isEqualTo(8);
        assertThat(report.failures()).extracting(MassSendReport.Failure::lines).containsExactly("3", "7");
        assertThat(report.failures()).extracting(MassSendReport.Failure::reason)
                .allMatch(r -> r.equals("not sent (1 of 1 recipients refused): CDIMAIL-00222: refused"));
    }

    @Test
    void sendsAgainOnlyTheMessagesNotAttemptedWhenOthersAfterTheFailureWereSent() throws Exception {
        // A pool: another connection sent message 3 while message 2 was refused; message 4 was never taken.
        int[] calls = {0};
        ReceiptBackend backend = new ReceiptBackend(messages -> {
            if (++calls[0] > 1) {
                return stopAtFirstRefused(messages, m -> null);
            }
            List<Receipt> receipts = List.of(
                    Receipt.builder(0, messages.get(0)).accepted("a@example.com").build(),
                    Receipt.builder(1, messages.get(1)).refused(Refusal.byReply("a@example.com", 550, null)).build(),
                    Receipt.builder(2, messages.get(2)).accepted("a@example.com").build(),
                    Receipt.notAttempted(3, messages.get(3), messages.get(3).recipients(), "stopped"));
            throw new MailDeliveryException("CDIMAIL-00222: refused", receipts, null);
        });

        MassSendReport report = run(backend, oneRecipientLines(4), 500);

        assertThat(backend.batches).containsExactly(subjects(1, 4), List.of("4"));
        assertThat(report.sentCount()).isEqualTo(3);
        assertThat(report.failures()).extracting(MassSendReport.Failure::lines).containsExactly("2");
    }

    @Test
    void givesUpAfterTenMessagesInARowFailedByTheConnectionWhenTheBackendGivesReceipts() throws Exception {
        ReceiptBackend backend = new ReceiptBackend(messages -> stopAtFirstRefused(messages,
                m -> Refusal.byFailure("a@example.com", 0, true, "connection lost")));

        MassSendReport report = run(backend, oneRecipientLines(25), 500);

        assertThat(backend.batches).hasSize(10);
        assertThat(report.lines()).isEqualTo(25);
        assertThat(report.failedCount()).isEqualTo(25);
        assertThat(report.failures()).hasSize(11);
        assertThat(report.failures().get(10)).isEqualTo(new MassSendReport.Failure("11-25",
                "not attempted: the server failed 10 times in a row (last: CDIMAIL-00222: refused)"));
    }

    @Test
    void aRefusalByReplyIsNoServerFailureHoweverManyInARow() throws Exception {
        ReceiptBackend backend = new ReceiptBackend(messages -> stopAtFirstRefused(messages,
                m -> Refusal.byReply("a@example.com", 450, "4.2.2")));

        MassSendReport report = run(backend, oneRecipientLines(25), 500);

        assertThat(backend.batches).hasSize(25);
        assertThat(report.failures()).hasSize(25).noneMatch(f -> f.reason().startsWith("not attempted"));
    }

    @Test
    void aBatchThatFailsWithoutReceiptsIsUnknownAndNeverSentAgain() throws Exception {
        ReceiptBackend backend = new ReceiptBackend(messages -> {
            throw new IllegalStateException("CDIMAIL-00099: something broke half-way");
        });

        MassSendReport report = run(backend, oneRecipientLines(5) + "{\"subject\": \"bad\"}\n", 3);

        assertThat(backend.batches).containsExactly(subjects(1, 3), subjects(4, 5));
        assertThat(report.sentCount()).isZero();
        assertThat(report.failures()).extracting(MassSendReport.Failure::lines).containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(report.failures().get(0).reason()).isEqualTo(
                "unknown: the batch of 3 messages failed without saying which were sent: CDIMAIL-00099: something broke half-way");
        assertThat(report.failures().get(5).reason()).startsWith("no recipients");
    }

    @Test
    void theSummaryListsTheFirstThousandFailedLinesAndCountsTheOthers() throws Exception {
        ReceiptBackend backend = new ReceiptBackend(messages -> stopAtFirstRefused(messages, m -> null));
        String invalid = "{\"subject\": \"no one\"}\n".repeat(MassSendReport.LISTED + 500);

        MassSendReport report = run(backend, invalid + oneRecipientLines(3), 500);

        assertThat(report.failedCount()).isEqualTo(MassSendReport.LISTED + 500);
        assertThat(report.failures()).hasSize(MassSendReport.LISTED);
        assertThat(report.sentCount()).isEqualTo(3);
        StringWriter summary = new StringWriter();
        report.print(new PrintWriter(summary), "alias \"default\" (test backend)");
        assertThat(summary.toString()).contains("Failed: 1500\n")
                .contains("  line 1000: no recipients").doesNotContain("line 1001:")
                .contains("  … and 500 more failed lines, not listed (--report FILE lists every line)");
    }
}

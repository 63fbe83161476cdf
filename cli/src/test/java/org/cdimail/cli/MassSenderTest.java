package org.cdimail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.spi.EmailBackend;
import org.junit.jupiter.api.Test;

/**
 * The outcomes GreenMail cannot produce on demand: recipients refused by the server, and a
 * server that keeps failing. A scripted backend stands in for the SMTP server.
 */
class MassSenderTest {

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
        MassSendReport report = new MassSendReport();
        Progress progress = Progress.forOutput(new PrintWriter(new StringWriter()), OptionalLong.empty());
        new MassSender(new JsonMessageParser(Path.of("")), EnvelopeCheck.NONE, backend, report, progress,
                MassSender.DEFAULT_CHUNK_SIZE)
                .sendAll(new BufferedReader(new StringReader(lines)));
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
}

package org.cdimail.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.spi.EmailBackend;

/**
 * Sends the lines of a {@code send-mass} file one by one over an open connection, recording
 * each outcome. A bad line is recorded and the next one sent. When the server fails
 * {@value #GIVE_UP_AFTER} times in a row (not a refused recipient: the connection itself), the
 * remaining lines are counted as not attempted instead of waiting out a timeout for each.
 */
final class MassSender {

    static final int GIVE_UP_AFTER = 10;

    private final JsonMessageParser parser;
    private final EmailBackend connection;
    private final MassSendReport report;
    private final Progress progress;
    private int consecutiveServerFailures;
    private String lastServerFailure;

    MassSender(JsonMessageParser parser, EmailBackend connection, MassSendReport report, Progress progress) {
        this.parser = parser;
        this.connection = connection;
        this.report = report;
        this.progress = progress;
    }

    /**
     * Reads and sends every line.
     *
     * @param reader the lines
     * @throws IOException if reading fails
     */
    void sendAll(BufferedReader reader) throws IOException {
        long lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            report.lineRead();
            if (consecutiveServerFailures >= GIVE_UP_AFTER) {
                skipRest(reader, lineNumber);
                return;
            }
            send(lineNumber, line);
            progress.update(report.lines(), report.sentCount(), report.failedCount());
        }
    }

    private void skipRest(BufferedReader reader, long first) throws IOException {
        long last = first;
        long count = 1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            last++;
            if (!line.isBlank()) {
                report.lineRead();
                count++;
            }
        }
        report.notAttempted(first, last, count, "not attempted: the server failed " + GIVE_UP_AFTER
                + " times in a row (last: " + lastServerFailure + ")");
    }

    private void send(long lineNumber, String line) {
        EmailMessage message;
        try {
            message = parser.parse(line);
        } catch (JsonMessageParser.InvalidLineException e) {
            report.failed(lineNumber, e.getMessage());
            return;
        }
        if (message.recipients().isEmpty()) {
            report.failed(lineNumber, "no recipients (to, cc and bcc are empty)");
            return;
        }
        try {
            if (connection.sendMessages(List.of(message)) == 1) {
                report.sent();
            } else {
                report.failed(lineNumber, "the backend did not send it");
            }
            consecutiveServerFailures = 0;
        } catch (MailDeliveryException e) {
            consecutiveServerFailures = 0;
            int recipients = message.recipients().size();
            if (e.messagesSent() > 0) {
                report.partlyDelivered(lineNumber, "delivered to " + e.sent().size() + " of " + recipients
                        + " recipients, " + e.invalid().size() + " refused: " + Errors.oneLine(e));
            } else {
                String refused = e.invalid().isEmpty() ? "" : " (" + e.invalid().size() + " of " + recipients + " recipients refused)";
                report.failed(lineNumber, "not sent" + refused + ": " + Errors.oneLine(e));
            }
        } catch (MailException e) {
            consecutiveServerFailures++;
            lastServerFailure = Errors.oneLine(e);
            report.failed(lineNumber, lastServerFailure);
        } catch (RuntimeException e) {
            // A header refused or an address found invalid while rendering: this line's fault.
            consecutiveServerFailures = 0;
            report.failed(lineNumber, Errors.oneLine(e));
        }
    }
}

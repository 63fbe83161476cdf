package org.cdimail.cli;

import static org.cdimail.cli.CliError.RECEIPT_COUNT_MISMATCH;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.Refusal;
import org.cdimail.spi.EmailBackend;

/**
 * Sends a {@code send-mass} file a chunk of lines at a time (read and checked by a
 * {@link ChunkSource}), each chunk with one
 * {@link EmailBackend#deliver(List)} call (so that a backend can pipeline the chunk over its
 * connection or spread it over its pool), and records every line's outcome from the receipts.
 *
 * <ul>
 * <li>A line that is not a message (bad JSON, a refused header or address, no recipients) is
 * recorded as invalid and never reaches the backend; the others of its chunk are sent.</li>
 * <li>{@code deliver} stops at the first message not sent to every recipient; the messages of
 * the chunk it did not attempt are sent again in the next call, so that one refused message
 * never skips its neighbours.</li>
 * <li>A message nobody accepted because of the server or the connection (no reply to a
 * recipient, or {@code 421}), and a call that attempted nothing, count as a failure of the
 * server. After {@value #GIVE_UP_AFTER} in a row, the remaining lines are recorded as not
 * attempted instead of waiting out a timeout for each. A message that reached someone, or that
 * the server refused by replying to its recipients, resets the count.</li>
 * <li>When a call fails without a receipt per message (an exception that is not a
 * {@link MailDeliveryException} with receipts), its messages are recorded as
 * {@link LineOutcome.Status#UNKNOWN}: they may have been sent, and are never sent again.</li>
 * </ul>
 *
 * Outcomes are recorded in line order when each chunk ends.
 */
final class MassSender {

    static final int GIVE_UP_AFTER = 10;
    /** A chunk's size unless {@code --chunk-size} says otherwise. */
    static final int DEFAULT_CHUNK_SIZE = 500;

    /** A line whose message is ready to send. */
    private record Pending(long line, EmailMessage message) {
    }

    private final EmailBackend connection;
    private final MassSendReport report;
    private final Progress progress;
    private final List<LineOutcome> outcomes = new ArrayList<>();
    private int consecutiveServerFailures;
    private String lastServerFailure;

    MassSender(EmailBackend connection, MassSendReport report, Progress progress) {
        this.connection = connection;
        this.report = report;
        this.progress = progress;
    }

    /**
     * Sends every line of the source.
     *
     * @param chunks the lines, a chunk at a time
     * @throws IOException if reading fails
     * @throws java.io.UncheckedIOException if writing the report file fails
     */
    void sendAll(ChunkSource chunks) throws IOException {
        String notAttempted = null;
        long firstNotAttempted = 0;
        for (List<ChunkSource.Line> chunk = chunks.next(); !chunk.isEmpty(); chunk = chunks.next()) {
            List<Pending> pending = new ArrayList<>(chunk.size());
            for (ChunkSource.Line line : chunk) {
                report.lineRead();
                if (notAttempted != null) {
                    outcomes.add(new LineOutcome(line.number(), LineOutcome.Status.NOT_ATTEMPTED, null, notAttempted));
                } else if (line.message() != null) {
                    pending.add(new Pending(line.number(), line.message()));
                } else {
                    outcomes.add(LineOutcome.invalid(line.number(), line.invalid()));
                }
            }
            List<Pending> left = deliver(pending);
            if (!left.isEmpty()) {
                notAttempted = "not attempted: the server failed " + GIVE_UP_AFTER + " times in a row (last: "
                        + lastServerFailure + ")";
                firstNotAttempted = left.get(0).line();
                chunks.parseNoMore();
                for (Pending p : left) {
                    outcomes.add(new LineOutcome(p.line(), LineOutcome.Status.NOT_ATTEMPTED, null, notAttempted));
                }
            }
            recordOutcomes();
            progress.update(report.lines(), report.sentCount(), report.failedCount());
        }
        if (notAttempted != null) {
            report.notAttemptedRange(firstNotAttempted, chunks.lastLineNumber(), notAttempted);
        }
    }

    /**
     * Delivers the messages, calling again for those a failure left unattempted.
     *
     * @return the messages left unattempted because the server failed too often in a row
     */
    private List<Pending> deliver(List<Pending> messages) {
        List<Pending> pending = messages;
        while (!pending.isEmpty()) {
            if (consecutiveServerFailures >= GIVE_UP_AFTER) {
                return pending;
            }
            pending = deliverOnce(pending);
        }
        return List.of();
    }

    /** One {@code deliver} call; returns the messages it did not attempt. */
    private List<Pending> deliverOnce(List<Pending> pending) {
        List<EmailMessage> batch = pending.stream().map(Pending::message).toList();
        List<Receipt> receipts;
        MailDeliveryException failure = null;
        try {
            receipts = connection.deliver(batch);
        } catch (MailDeliveryException e) {
            if (e.receipts().size() != batch.size()) {
                return unknown(pending, e);
            }
            receipts = e.receipts();
            failure = e;
        } catch (MailException e) {
            // No receipts: the backend could not open a connection, so nothing of the batch was sent.
            serverFailed(Errors.oneLine(e));
            return pending;
        } catch (RuntimeException e) {
            return unknown(pending, e);
        }
        if (receipts.size() != batch.size()) {
            throw new IllegalStateException(RECEIPT_COUNT_MISMATCH.message("the backend gave " + receipts.size()
                    + " receipts for " + batch.size() + " messages"));
        }
        List<Pending> again = new ArrayList<>();
        for (int i = 0; i < receipts.size(); i++) {
            Receipt receipt = receipts.get(i);
            if (receipt.status() == Receipt.Status.NOT_ATTEMPTED) {
                again.add(pending.get(i));
            } else {
                record(pending.get(i), receipt, failure);
            }
        }
        if (again.size() == pending.size()) {
            serverFailed(failure != null ? Errors.oneLine(failure) : "the backend attempted none of the messages");
        }
        return again;
    }

    private void record(Pending pending, Receipt receipt, MailDeliveryException failure) {
        LineOutcome.Status status = LineOutcome.Status.of(receipt.status());
        if (status == LineOutcome.Status.SENT) {
            consecutiveServerFailures = 0;
            outcomes.add(new LineOutcome(pending.line(), status, receipt, null));
            return;
        }
        String why = receipt.failure().map(Errors::redact)
                .orElseGet(() -> failure != null ? Errors.oneLine(failure) : "refused");
        int recipients = pending.message().recipients().size();
        String reason;
        if (status == LineOutcome.Status.PARTLY_SENT) {
            consecutiveServerFailures = 0;
            reason = "delivered to " + receipt.accepted().size() + " of " + recipients + " recipients, "
                    + receipt.refused().size() + " refused: " + why;
        } else if (serverFailure(receipt, failure)) {
            serverFailed(why);
            reason = why;
        } else {
            consecutiveServerFailures = 0;
            reason = "not sent (" + receipt.refused().size() + " of " + recipients + " recipients refused): " + why;
        }
        outcomes.add(new LineOutcome(pending.line(), status, receipt, reason));
    }

    /**
     * Whether a message nobody accepted failed because of the server or the connection rather than
     * its recipients: no refusal is a reply other than {@code 421} (closing the connection), and
     * the backend did not report a refusal of recipients (a {@link MailDeliveryException} as the
     * cause, which is how {@code deliver}'s default over {@code sendMessages} passes it on).
     */
    private static boolean serverFailure(Receipt receipt, MailDeliveryException failure) {
        if (failure != null && failure.getCause() instanceof MailDeliveryException) {
            return false;
        }
        for (Refusal refusal : receipt.refused()) {
            if (refusal.code().isPresent() && refusal.code().getAsInt() != 421) {
                return false;
            }
        }
        return true;
    }

    private void serverFailed(String why) {
        consecutiveServerFailures++;
        lastServerFailure = why;
    }

    private List<Pending> unknown(List<Pending> pending, RuntimeException e) {
        // A failure of one message alone is exact: a backend throws before sending an invalid message.
        String reason = pending.size() == 1 ? Errors.oneLine(e)
                : "unknown: the batch of " + pending.size() + " messages failed without saying which were sent: "
                        + Errors.oneLine(e);
        LineOutcome.Status status = pending.size() == 1 ? LineOutcome.Status.NOT_SENT : LineOutcome.Status.UNKNOWN;
        for (Pending p : pending) {
            outcomes.add(new LineOutcome(p.line(), status, null, reason));
        }
        if (e instanceof MailException && !(e instanceof MailDeliveryException)) {
            serverFailed(reason);
        } else {
            consecutiveServerFailures = 0;
        }
        return List.of();
    }

    private void recordOutcomes() {
        outcomes.sort(Comparator.comparingLong(LineOutcome::line));
        outcomes.forEach(report::record);
        outcomes.clear();
    }
}

package org.cdimail.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a {@code send-mass} run did, line by line: counts, and every failed line with its reason,
 * and, with {@code --report}, every line's outcome in the {@link ReportFile}. A message counts as
 * sent only when the backend said so for every recipient; a message some recipients refused is a
 * failure that says how many it did reach. The summary lists the first {@value #LISTED} failed
 * lines and counts the others, so that memory stays bounded whatever the file's length; the
 * report file lists every line.
 */
final class MassSendReport {

    /** The most failed lines the summary lists one by one. */
    static final int LISTED = 1000;

    /** Failed lines: one line ({@code 17}) or a range ({@code 511-1000}), and why. */
    record Failure(String lines, String reason) {
    }

    private final List<Failure> failures = new ArrayList<>();
    private final ReportFile file;
    private long started = System.nanoTime();
    private long lines;
    private long sent;
    private long failed;
    private long partlyDelivered;
    private long unlisted;
    private Failure notAttempted;
    private String verb = "Sent";

    /** A report with a summary only. */
    MassSendReport() {
        this(null);
    }

    /**
     * A report that also writes every line's outcome to a file.
     *
     * @param file the {@code --report} file, or {@code null}
     */
    MassSendReport(ReportFile file) {
        this.file = file;
    }

    /** The alias is queued: what it accepted is durably queued, not delivered; the summary and the file say so. */
    void queued() {
        verb = "Queued";
        if (file != null) {
            file.queued();
        }
    }

    /** Starts the clock: elapsed time and rate count from here (the connection is open). */
    void start() {
        started = System.nanoTime();
    }

    void lineRead() {
        lines++;
    }

    /**
     * Records the outcome of one line: counted, listed among the failures unless sent or not
     * attempted (those are listed as ranges, {@link #notAttemptedRange}), and written to the
     * report file, if any.
     *
     * @param outcome the line's outcome
     */
    void record(LineOutcome outcome) {
        switch (outcome.status()) {
            case SENT -> sent++;
            case NOT_ATTEMPTED -> failed++;
            default -> {
                failed++;
                list(new Failure(Long.toString(outcome.line()), outcome.reason()));
                if (outcome.status() == LineOutcome.Status.PARTLY_SENT) {
                    partlyDelivered++;
                }
            }
        }
        if (file != null) {
            file.write(outcome);
        }
    }

    /**
     * Lists lines recorded as not attempted as one range among the failures.
     *
     * @param first  the first line number
     * @param last   the last line number
     * @param reason why they were not attempted
     */
    void notAttemptedRange(long first, long last, String reason) {
        notAttempted = new Failure(first == last ? Long.toString(first) : first + "-" + last, reason);
    }

    private void list(Failure failure) {
        if (failures.size() < LISTED) {
            failures.add(failure);
        } else {
            unlisted++;
        }
    }

    long lines() {
        return lines;
    }

    long sentCount() {
        return sent;
    }

    long failedCount() {
        return failed;
    }

    /** The failures the summary lists: the first {@value #LISTED} failed lines, then the range not attempted, if any. */
    List<Failure> failures() {
        List<Failure> all = new ArrayList<>(failures);
        if (notAttempted != null) {
            all.add(notAttempted);
        }
        return all;
    }

    /**
     * Prints the summary: sent, failed with line numbers and reasons, elapsed time, rate.
     *
     * @param out   where to print
     * @param alias the alias used, described
     */
    void print(PrintWriter out, String alias) {
        long elapsed = System.nanoTime() - started;
        out.println(String.format(Locale.ROOT, "%s %d of %d messages via %s in %.2f s (%.1f messages/s).", verb,
                sent, lines, alias, elapsed / 1e9, Progress.rate(sent, elapsed)));
        if (failed > 0) {
            out.println("Failed: " + failed
                    + (partlyDelivered > 0 ? " (" + partlyDelivered + " of them delivered to some recipients)" : ""));
            for (Failure f : failures) {
                out.println("  line " + f.lines() + ": " + f.reason());
            }
            if (unlisted > 0) {
                out.println("  … and " + unlisted + " more failed lines, not listed" + (file == null
                        ? " (--report FILE lists every line)" : " (the report lists every line)"));
            }
            if (notAttempted != null) {
                out.println("  line " + notAttempted.lines() + ": " + notAttempted.reason());
            }
        }
    }
}

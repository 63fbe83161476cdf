package org.cdimail.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a {@code send-mass} run did, line by line: counts, and every failed line with its reason.
 * A message counts as sent only when the backend said so for every recipient; a message some
 * recipients refused is a failure that says how many it did reach.
 */
final class MassSendReport {

    /** Failed lines: one line ({@code 17}) or a range ({@code 511-1000}), and why. */
    record Failure(String lines, String reason) {
    }

    private final List<Failure> failures = new ArrayList<>();
    private long started = System.nanoTime();
    private long lines;
    private long sent;
    private long failed;
    private long partlyDelivered;

    /** Starts the clock: elapsed time and rate count from here (the connection is open). */
    void start() {
        started = System.nanoTime();
    }

    void lineRead() {
        lines++;
    }

    void sent() {
        sent++;
    }

    void failed(long line, String reason) {
        failed++;
        failures.add(new Failure(Long.toString(line), reason));
    }

    void partlyDelivered(long line, String reason) {
        partlyDelivered++;
        failed(line, reason);
    }

    /**
     * Lines read but not attempted, reported as one range.
     *
     * @param first  the first line number
     * @param last   the last line number
     * @param count  how many non-blank lines the range holds
     * @param reason why they were not attempted
     */
    void notAttempted(long first, long last, long count, String reason) {
        failed += count;
        failures.add(new Failure(first == last ? Long.toString(first) : first + "-" + last, reason));
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

    List<Failure> failures() {
        return List.copyOf(failures);
    }

    /**
     * Prints the summary: sent, failed with line numbers and reasons, elapsed time, rate.
     *
     * @param out   where to print
     * @param alias the alias used, described
     */
    void print(PrintWriter out, String alias) {
        long elapsed = System.nanoTime() - started;
        out.println(String.format(Locale.ROOT, "Sent %d of %d messages via %s in %.2f s (%.1f messages/s).",
                sent, lines, alias, elapsed / 1e9, Progress.rate(sent, elapsed)));
        if (failed > 0) {
            out.println("Failed: " + failed
                    + (partlyDelivered > 0 ? " (" + partlyDelivered + " of them delivered to some recipients)" : ""));
            for (Failure f : failures) {
                out.println("  line " + f.lines() + ": " + f.reason());
            }
        }
    }
}

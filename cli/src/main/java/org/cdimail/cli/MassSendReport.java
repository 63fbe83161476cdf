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

    /** One failed line. */
    record Failure(long line, String reason) {
    }

    private final List<Failure> failures = new ArrayList<>();
    private final long started = System.nanoTime();
    private long lines;
    private long sent;
    private long partlyDelivered;

    void lineRead() {
        lines++;
    }

    void sent() {
        sent++;
    }

    void failed(long line, String reason) {
        failures.add(new Failure(line, reason));
    }

    void partlyDelivered(long line, String reason) {
        partlyDelivered++;
        failed(line, reason);
    }

    long lines() {
        return lines;
    }

    long sentCount() {
        return sent;
    }

    long failedCount() {
        return failures.size();
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
        double seconds = (System.nanoTime() - started) / 1e9;
        out.println(String.format(Locale.ROOT, "Sent %d of %d messages via %s in %.2f s (%.1f messages/s).",
                sent, lines, alias, seconds, Progress.rate(sent, System.nanoTime() - started)));
        if (!failures.isEmpty()) {
            out.println("Failed: " + failures.size()
                    + (partlyDelivered > 0 ? " (" + partlyDelivered + " of them delivered to some recipients)" : ""));
            for (Failure f : failures) {
                out.println("  line " + f.line() + ": " + f.reason());
            }
        }
    }
}

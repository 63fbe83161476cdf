package org.cdimail.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Shows how a {@code send-mass} run is going: a bar redrawn in place on a terminal, or a plain
 * line every few seconds when the output is a file or a pipe (a CI log stays readable).
 */
abstract class Progress {

    private static final long BAR_REDRAW_NANOS = 100_000_000L;
    private static final long LINE_EVERY_NANOS = 5_000_000_000L;

    final PrintWriter err;
    final long started = System.nanoTime();
    private long lastShown = started;

    private Progress(PrintWriter err) {
        this.err = err;
    }

    /**
     * The progress display for this process's terminal, or plain lines when there is none.
     *
     * @param err   where to show progress
     * @param total the number of lines, when known in advance
     * @return the display
     */
    static Progress forOutput(PrintWriter err, OptionalLong total) {
        return isTerminal() ? new Bar(err, total) : new Lines(err);
    }

    /**
     * Whether the standard streams are a terminal. Java 22 and later return a console even when
     * they are redirected, and tell the difference with {@code Console.isTerminal()}.
     */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /**
     * Records the state after one more line.
     *
     * @param lines  the lines handled so far
     * @param sent   the messages sent so far
     * @param failed the lines failed so far
     */
    final void update(long lines, long sent, long failed) {
        long now = System.nanoTime();
        if (now - lastShown >= interval()) {
            lastShown = now;
            show(lines, sent, failed, now);
        }
    }

    /**
     * Shows the final state and leaves the output ready for the summary.
     *
     * @param lines  the lines handled
     * @param sent   the messages sent
     * @param failed the lines failed
     */
    abstract void finish(long lines, long sent, long failed);

    abstract long interval();

    abstract void show(long lines, long sent, long failed, long now);

    static double rate(long count, long nanos) {
        return nanos <= 0 ? 0 : count / (nanos / 1e9);
    }

    /** A bar redrawn on one line with a carriage return. */
    private static final class Bar extends Progress {
        private static final int WIDTH = 30;
        private final OptionalLong total;

        Bar(PrintWriter err, OptionalLong total) {
            super(err);
            this.total = total;
        }

        @Override
        long interval() {
            return BAR_REDRAW_NANOS;
        }

        @Override
        void show(long lines, long sent, long failed, long now) {
            String rate = String.format(Locale.ROOT, "%.1f msg/s", rate(sent, now - started));
            String counts = "sent " + sent + ", failed " + failed + ", " + rate;
            if (total.isPresent() && total.getAsLong() > 0) {
                long t = total.getAsLong();
                int filled = (int) Math.min(WIDTH, lines * WIDTH / t);
                err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                        + String.format(Locale.ROOT, "%3d%%", lines * 100 / t) + " " + lines + "/" + t + "  " + counts + "  ");
            } else {
                err.print("\r" + lines + " lines  " + counts + "  ");
            }
            err.flush();
        }

        @Override
        void finish(long lines, long sent, long failed) {
            show(lines, sent, failed, System.nanoTime());
            err.println();
        }
    }

    /** A plain line every few seconds. */
    private static final class Lines extends Progress {
        Lines(PrintWriter err) {
            super(err);
        }

        @Override
        long interval() {
            return LINE_EVERY_NANOS;
        }

        @Override
        void show(long lines, long sent, long failed, long now) {
            err.println(String.format(Locale.ROOT, "send-mass: %d lines read, %d sent, %d failed, %.1f messages/s",
                    lines, sent, failed, rate(sent, now - started)));
        }

        @Override
        void finish(long lines, long sent, long failed) {
            // The summary follows; a last progress line would repeat it.
        }
    }
}

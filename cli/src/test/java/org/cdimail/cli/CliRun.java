package org.cdimail.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code cdi-mail} in this JVM through picocli, as the launcher would, with stdout and
 * stderr captured.
 */
final class CliRun {

    /** What one run printed, and how it exited. */
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private CliRun() {
    }

    /**
     * Runs a command to completion. {@code System.out} is captured too, for the console backend.
     *
     * @param workingDir the working directory the command sees
     * @param env        the environment variables it sees
     * @param args       the command line
     * @return what happened
     */
    static synchronized Result run(Path workingDir, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previousOut = System.out;
        PrintStream previousErr = System.err;
        PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8);
        System.setOut(capturedOut);
        System.setErr(capturedErr);
        try {
            int code = CdiMail.execute(workingDir, env, args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previousOut);
            System.setErr(previousErr);
        }
    }

    static Result run(Path workingDir, String... args) {
        return run(workingDir, Map.of(), args);
    }

    /** A command running in a thread, such as {@code debug-server}; stopped by interrupting it. */
    static final class Background implements AutoCloseable {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final Thread thread;
        private volatile int exitCode = -1;

        Background(Path workingDir, String... args) {
            PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
            thread = new Thread(() -> exitCode = CdiMail.execute(workingDir, Map.of(), o, e, args), "cdi-mail under test");
            thread.start();
        }

        String out() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }

        String err() {
            synchronized (err) {
                return err.toString(StandardCharsets.UTF_8);
            }
        }

        /**
         * Waits until stdout matches a pattern, or the command ended.
         *
         * @param pattern the pattern to find
         * @param timeout how long to wait
         * @return the first match
         * @throws AssertionError if it does not appear in time
         */
        Matcher awaitOutput(Pattern pattern, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Matcher m = pattern.matcher(out());
                if (m.find()) {
                    return m;
                }
                if (!thread.isAlive()) {
                    break;
                }
                thread.join(20);
            }
            throw new AssertionError("no output matching " + pattern + " within " + timeout + "\n--- stdout ---\n"
                    + out() + "--- stderr ---\n" + err());
        }

        Result stop() throws InterruptedException {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
            if (thread.isAlive()) {
                throw new AssertionError("the command did not stop within 10 s");
            }
            return new Result(exitCode, out(), err());
        }

        /** Stops the command if a test left it running (a failed assertion). */
        @Override
        public void close() {
            if (thread.isAlive()) {
                thread.interrupt();
            }
        }
    }
}

package org.cdimail.it.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * An operating-system process the tests start (a server, a CLI) with its output in a log file,
 * stopped by PID together with every process it started, whatever happened to the tests.
 */
public final class ServerProcess implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ServerProcess.class.getName());
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread stopOnJvmExit;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        // If the test JVM is stopped before @AfterAll (Ctrl-C, a CI timeout), stop the server too.
        this.stopOnJvmExit = new Thread(this::stopTree, "stop " + name);
        Runtime.getRuntime().addShutdownHook(stopOnJvmExit);
    }

    /**
     * Starts a process whose standard output and error go to {@code log}.
     *
     * @param name        what it is, for messages
     * @param command     the command line
     * @param environment variables added to this JVM's environment
     * @param workDir     the working directory
     * @param log         the file that receives the output
     * @return the running process
     * @throws IOException if it cannot be started
     */
    public static ServerProcess start(String name, List<String> command, Map<String, String> environment, Path workDir,
            Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        LOG.log(System.Logger.Level.INFO, "Started {0} as PID {1}, output in {2}", name, process.pid(), log);
        return new ServerProcess(name, process, log);
    }

    /**
     * The PID of the process started.
     *
     * @return the PID
     */
    public long pid() {
        return process.pid();
    }

    /**
     * Waits until {@code condition} holds, failing at once if the process exits first.
     *
     * @param what      what is awaited, for the failure message
     * @param timeout   how long to wait at most
     * @param condition the condition
     */
    public void awaitCondition(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue() + " before "
                        + what + "; output: " + log + "\n" + tail());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + ": no " + what + " within " + timeout + "; output: " + log
                        + "\n" + tail());
            }
            awaitExit(POLL); // returns early if the process dies
        }
    }

    /**
     * Waits for the process to end by itself (a CLI run).
     *
     * @param timeout how long to wait at most
     * @return the exit status
     */
    public int awaitExitStatus(Duration timeout) {
        if (!awaitExit(timeout)) {
            throw new IllegalStateException(name + " still running after " + timeout + "; output: " + log);
        }
        return process.exitValue();
    }

    /**
     * The output so far.
     *
     * @return the log's content
     */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String tail() {
        String out = output();
        return out.length() <= 4000 ? out : out.substring(out.length() - 4000);
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Stops the process and every process it started, by PID: politely, then forcibly. */
    @Override
    public void close() {
        stopTree();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnJvmExit);
        } catch (IllegalStateException jvmAlreadyStopping) {
            // the hook is running or has run: nothing left to do
        }
    }

    private void stopTree() {
        // Children first: WildFly's standalone.sh waits for its JVM and ends with it.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                LOG.log(System.Logger.Level.INFO, "Stopping {0}: PID {1}", name, handle.pid());
                handle.destroy();
            }
        }
        for (ProcessHandle handle : tree) {
            if (!exits(handle, GRACE)) {
                LOG.log(System.Logger.Level.WARNING, "{0}: PID {1} ignored SIGTERM, killing it", name, handle.pid());
                handle.destroyForcibly();
                exits(handle, GRACE);
            }
        }
    }

    private static boolean exits(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}

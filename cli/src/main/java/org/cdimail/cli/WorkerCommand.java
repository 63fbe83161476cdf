package org.cdimail.cli;

import static org.cdimail.cli.CliError.INVALID_CONSUMERS;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.smallrye.config.SmallRyeConfig;
import org.cdimail.queue.AliasQueue;
import org.cdimail.queue.Worker;
import org.cdimail.spi.EmailBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cdi-mail worker}: delivers a queued alias's messages, with retries and dead letters,
 * until stopped (Ctrl-C, SIGTERM) or, with {@code --until-empty}, until nothing is ready,
 * scheduled or in flight; then prints what it did.
 */
@Command(name = "worker",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Deliver the messages queued for an alias (mail.<alias>.queue.enabled=true): consumers each with",
            "their own SMTP connection, deferred recipients retried later, refused ones dead-lettered.",
            "Exit code with --until-empty: 0 when nothing went to the dead-letter queue, else 1."})
final class WorkerCommand implements Callable<Integer> {

    @ParentCommand
    private CdiMail root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--backend", paramLabel = "ALIAS", description = "The queued alias. Default: the default alias.")
    private String alias;

    @Option(names = "--until-empty", description = "Exit once nothing is ready, scheduled for a retry or being delivered.")
    private boolean untilEmpty;

    @Option(names = "--consumers", paramLabel = "N", description = "Consumers to run. Default: mail.<alias>.queue.consumers.")
    private Integer consumers;

    @Option(names = "--max-wait", paramLabel = "DURATION", defaultValue = "PT24H",
            description = "With --until-empty, the longest wait (ISO-8601). Default: ${DEFAULT-VALUE}.")
    private Duration maxWait;

    @Override
    public Integer call() {
        SmallRyeConfig config = root.config();
        AliasView view = new AliasView(config, alias);
        PrintWriter out = spec.commandLine().getOut();
        try (MailRuntime runtime = MailRuntime.start(config);
                EmailBackend connection = runtime.mailer(alias).connection()) {
            AliasQueue queue = QueuedAlias.of(connection, view);
            int count = consumers != null ? consumers : Math.max(1, queue.consumers());
            if (count < 1) {
                throw CliException.usage(INVALID_CONSUMERS.message("worker: --consumers must be at least 1"));
            }
            Worker worker = queue.startWorker(count);
            out.println("worker: delivering " + view.describe() + " from " + queue.describe() + " with " + count
                    + " consumer(s)");
            boolean empty = true;
            try {
                if (untilEmpty) {
                    empty = worker.awaitEmpty(maxWait);
                } else {
                    awaitShutdown();
                }
            } finally {
                worker.close();
            }
            out.println("worker: " + worker.counts());
            if (!empty) {
                out.println("worker: stopped at --max-wait " + maxWait + " with messages still queued");
                return ExitCodes.SOME_FAILED;
            }
            return worker.counts().dead() == 0 ? ExitCodes.OK : ExitCodes.SOME_FAILED;
        }
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then lets the worker finish its batches. */
    private static void awaitShutdown() {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cdi-mail-worker-stop"));
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }
}

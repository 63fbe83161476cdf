package org.cdimail.cli;

import static org.cdimail.cli.CliError.BROKER_NOT_STARTED;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.cdimail.queue.StandaloneBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cdi-mail broker}: an ActiveMQ Artemis broker (Artemis itself, embedded in the command)
 * on 127.0.0.1, its persistent journal in a directory, until stopped (Ctrl-C, SIGTERM). Senders
 * and workers in other JVMs use it with {@code mail.queue.url=tcp://127.0.0.1:PORT}.
 */
@Command(name = "broker",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Run an ActiveMQ Artemis broker on 127.0.0.1 for queued aliases in other JVMs",
            "(mail.queue.url=tcp://127.0.0.1:PORT), its journal in DIR, until stopped."})
final class BrokerCommand implements Callable<Integer> {

    @ParentCommand
    private CdiMail root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--directory", paramLabel = "DIR", required = true, description = "The journal directory.")
    private Path directory;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "61616", description = "The port. Default: ${DEFAULT-VALUE}.")
    private int port;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        StandaloneBroker broker;
        try {
            broker = StandaloneBroker.start(root.resolve(directory), port);
        } catch (IllegalStateException e) {
            throw new CliException(ExitCodes.USAGE, BROKER_NOT_STARTED.message("broker: " + Errors.oneLine(e)), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "cdi-mail-broker-stop"));
        out.println("broker: listening on " + broker.url() + ", journal in " + root.resolve(directory));
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}

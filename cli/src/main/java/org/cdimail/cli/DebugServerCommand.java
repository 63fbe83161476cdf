package org.cdimail.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cdi-mail debug-server}: Django's {@code python -m smtpd -n -c DebuggingServer}, built
 * in. Runs until Ctrl-C (or until its thread is interrupted, which is how tests stop it).
 */
@Command(name = "debug-server",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "A development SMTP server on 127.0.0.1: accepts every message and prints it readably",
            "(headers decoded, text parts shown, attachments listed); delivers nothing. Ctrl-C stops it.",
            "Point an alias at it: --set mail.host=127.0.0.1 --set mail.port=1025 --backend smtp."})
final class DebugServerCommand implements Callable<Integer> {

    @ParentCommand
    private CdiMail root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "1025", description = "The port on 127.0.0.1 (0 for any free port). Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--save", paramLabel = "DIR", description = "Also save each message as an .eml file in this folder (created if missing).")
    private Path saveDir;

    @Override
    public Integer call() {
        if (port < 0 || port > 65_535) {
            throw CliException.usage("CDIMAIL-00411: --port must be between 0 and 65535");
        }
        Optional<Path> dir = Optional.ofNullable(saveDir).map(root::resolve);
        dir.ifPresent(DebugServerCommand::prepare);
        PrintWriter out = spec.commandLine().getOut();
        DebugServer server = new DebugServer(port, dir, text -> {
            synchronized (out) {
                out.println(text);
                out.flush();
            }
        });
        int bound = server.start();
        out.println("cdi-mail debug server listening on " + DebugServer.HOST + ":" + bound
                + dir.map(d -> "; saving messages in " + d).orElse("") + ". Messages are printed, never delivered. Ctrl-C to stop.");
        out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            stop(server, out);
            stopped.countDown();
        }, "cdi-mail debug-server shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(onCtrlC);
            stop(server, out);
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    private static void stop(DebugServer server, PrintWriter out) {
        server.close();
        int count = server.received();
        out.println("cdi-mail debug server stopped after " + count + (count == 1 ? " message." : " messages."));
        out.flush();
    }

    private static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "CDIMAIL-00412: --save: cannot create " + dir + ": " + Errors.describe(e), e);
        }
        if (!Files.isWritable(dir)) {
            throw CliException.usage("CDIMAIL-00412: --save: not a writable folder: " + dir);
        }
    }
}

package org.cdimail.cli;

import static org.cdimail.cli.CliError.INVALID_PORT;
import static org.cdimail.cli.CliError.INVALID_WEB_MAX;
import static org.cdimail.cli.CliError.INVALID_WEB_PORT;
import static org.cdimail.cli.CliError.SAVE_FOLDER_UNUSABLE;
import static org.cdimail.cli.CliError.WEB_CANNOT_LISTEN;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.cdimail.cli.web.WebViewer;
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
            "With --web, also a web view of the messages on http://127.0.0.1:8025 (see docs/debug-server.md).",
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

    @Option(names = "--web", arity = "0..1", paramLabel = "PORT", fallbackValue = "" + WebViewer.DEFAULT_PORT,
            description = "Also serve a web view of the messages on http://127.0.0.1:PORT (default " + WebViewer.DEFAULT_PORT
                    + "; 0 for any free port): a live list, the HTML sandboxed, text, headers, source, attachments, and a JSON API.")
    private Integer webPort;

    @Option(names = "--web-max", paramLabel = "N",
            description = "The most messages the web view keeps, the oldest dropped first. Default: "
                    + WebViewer.DEFAULT_MAX_MESSAGES + " in memory; every message with --save, whose files hold them.")
    private Integer webMax;

    @Override
    public Integer call() {
        if (port < 0 || port > 65_535) {
            throw CliException.usage(INVALID_PORT.message("--port must be between 0 and 65535"));
        }
        if (webPort != null && (webPort < 0 || webPort > 65_535)) {
            throw CliException.usage(INVALID_WEB_PORT.message("--web must be a port between 0 and 65535"));
        }
        if (webMax != null && webMax < 1) {
            throw CliException.usage(INVALID_WEB_MAX.message("--web-max must be at least 1"));
        }
        if (webMax != null && webPort == null) {
            throw CliException.usage(INVALID_WEB_MAX.message("--web-max is only meaningful with --web"));
        }
        Optional<Path> dir = Optional.ofNullable(saveDir).map(root::resolve);
        dir.ifPresent(DebugServerCommand::prepare);
        PrintWriter out = spec.commandLine().getOut();
        Optional<WebViewer> web = Optional.ofNullable(webPort).map(p -> new WebViewer(p, webMax != null ? webMax
                : dir.isPresent() ? Integer.MAX_VALUE : WebViewer.DEFAULT_MAX_MESSAGES));
        DebugServer server = new DebugServer(port, dir, text -> {
            synchronized (out) {
                out.println(text);
                out.flush();
            }
        }, web.<DebugServer.Listener>map(w -> w::received).orElse(DebugServer.Listener.NONE));
        int bound = server.start();
        Optional<Integer> webBound;
        try {
            webBound = web.isEmpty() ? Optional.empty() : Optional.of(startWeb(web.get()));
        } catch (CliException e) {
            server.close();
            throw e;
        }
        out.println("cdi-mail debug server listening on " + DebugServer.HOST + ":" + bound
                + dir.map(d -> "; saving messages in " + d).orElse("") + ". Messages are printed, never delivered. Ctrl-C to stop.");
        webBound.ifPresent(p -> out.println("Web view: http://" + WebViewer.HOST + ":" + p + "/"));
        out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            web.ifPresent(WebViewer::close);
            stop(server, out);
            stopped.countDown();
        }, "cdi-mail debug-server shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(onCtrlC);
            web.ifPresent(WebViewer::close);
            stop(server, out);
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    private int startWeb(WebViewer web) {
        try {
            return web.start();
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE,
                    WEB_CANNOT_LISTEN.message("debug-server: the web view cannot listen on "
                    + WebViewer.HOST + ":" + webPort + ": " + Errors.describe(e)), e);
        }
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
            throw new CliException(ExitCodes.USAGE, SAVE_FOLDER_UNUSABLE.message("--save: cannot create " + dir + ": "
                    + Errors.describe(e)), e);
        }
        if (!Files.isWritable(dir)) {
            throw CliException.usage(SAVE_FOLDER_UNUSABLE.message("--save: not a writable folder: " + dir));
        }
    }
}

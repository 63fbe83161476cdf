package org.cdimail.cli;

import static org.cdimail.cli.CliError.ALIAS_NOT_QUEUED;
import static org.cdimail.cli.CliError.INVALID_CHUNK_SIZE;
import static org.cdimail.cli.CliError.MASS_FILE_UNREADABLE;
import static org.cdimail.cli.CliError.MASS_READ_FAILED;
import static org.cdimail.cli.CliError.NO_CONNECTION;
import static org.cdimail.cli.CliError.REPORT_WRITE_FAILED;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.smallrye.config.SmallRyeConfig;
import org.cdimail.MailException;
import org.cdimail.impl.config.MailKey;
import org.cdimail.queue.AliasQueue;
import org.cdimail.spi.EmailBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cdi-mail send-mass FILE.jsonl}: one message per line, sent a chunk of lines at a time
 * ({@code --chunk-size}, one {@code deliver} call each) over one connection of the alias, or over
 * its pool when {@code pool.max-connections} is set. A bad line is reported with its number and
 * does not stop the others; {@code --report FILE} writes every line's outcome as JSON.
 */
@Command(name = "send-mass",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Send one message per line of a JSON Lines file over one connection (or the",
            "alias's pool), a chunk of lines per batch so that the backend pipelines them.",
            "A line: {\"subject\": ..., \"body\": ..., \"from\": ..., \"to\": [...], \"cc\": [...], \"bcc\": [...],",
            "  \"reply_to\": [...], \"headers\": {...}, \"html\": ..., \"alternatives\": [{\"content\", \"mimetype\"}],",
            "  \"content_subtype\": \"plain\"|\"html\", \"encoding\": ..., \"attachments\": [{\"filename\", \"content\"}",
            "  | {\"filename\", \"content_base64\"} | {\"path\"} | {\"message\": {...}}]}; every field optional.",
            "Bad lines (invalid JSON, header injection, refused recipients) are reported with their line number."})
final class SendMassCommand implements Callable<Integer> {

    private static final int MAX_CHUNK_SIZE = 100_000;

    @ParentCommand
    private CdiMail root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE.jsonl", description = "The messages, one JSON object per line; - reads standard input.")
    private String file;

    @Option(names = "--backend", paramLabel = "ALIAS", description = "The alias to send through. Default: the default alias.")
    private String alias;

    @Option(names = "--chunk-size", paramLabel = "LINES", defaultValue = "" + MassSender.DEFAULT_CHUNK_SIZE,
            description = "Lines read and sent per batch (one deliver call); memory grows with it. Default: ${DEFAULT-VALUE}.")
    private int chunkSize;

    @Option(names = "--enqueue-only",
            description = "For a queued alias (mail.<alias>.queue.enabled=true): return once every line is durably queued and"
                    + " leave delivery to workers. Without it, send-mass delivers its queue until nothing is ready,"
                    + " scheduled or in flight.")
    private boolean enqueueOnly;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Write one JSON object per line: status, Message-ID, accepted and refused recipients with codes (docs/cli.md).")
    private Path reportPath;

    @Override
    public Integer call() throws IOException {
        if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
            throw CliException.usage(INVALID_CHUNK_SIZE.message("--chunk-size must be between 1 and "
                    + MAX_CHUNK_SIZE));
        }
        boolean stdin = "-".equals(file);
        Path path = stdin ? null : root.resolve(Path.of(file));
        if (path != null && (!Files.isRegularFile(path) || !Files.isReadable(path))) {
            throw CliException.usage(MASS_FILE_UNREADABLE.message("send-mass: not a readable file: " + path));
        }
        SmallRyeConfig config = root.config();
        AliasView settings = new AliasView(config, alias);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JsonMessageParser parser = new JsonMessageParser(root.workingDir());

        try (ReportFile file = reportPath == null ? null : ReportFile.create(root.resolve(reportPath));
                MailRuntime runtime = MailRuntime.start(config);
                EmailBackend connection = runtime.mailer(alias).connection();
                BufferedReader reader = strictUtf8(stdin ? System.in : Files.newInputStream(path))) {
            open(connection, settings);
            MassSendReport report = new MassSendReport(file);
            Optional<AliasQueue> queue = AliasQueue.of(connection);
            if (queue.isPresent()) {
                report.queued();
            } else if (enqueueOnly) {
                throw CliException.usage(ALIAS_NOT_QUEUED.message("send-mass --enqueue-only: " + settings.describe()
                        + " is not queued: set " + settings.key(MailKey.QUEUE_ENABLED) + "=true"));
            }
            report.start();
            Progress progress = Progress.forOutput(err, Progress.isTerminal() && path != null ? countLines(path) : OptionalLong.empty());
            try (PrefetchingChunks chunks = new PrefetchingChunks(
                    new LineChunks(reader, parser, EnvelopeCheck.forAlias(config, alias), chunkSize))) {
                new MassSender(connection, report, progress).sendAll(chunks);
            } catch (IOException e) {
                report.print(out, settings.describe());
                throw new CliException(ExitCodes.SOME_FAILED,
                        MASS_READ_FAILED.message("send-mass: stopped reading after line "
                        + report.lines() + ": " + Errors.describe(e)), e);
            } catch (UncheckedIOException e) {
                report.print(out, settings.describe());
                throw reportFailed(e);
            } finally {
                progress.finish(report.lines(), report.sentCount(), report.failedCount());
            }
            report.print(out, settings.describe());
            boolean delivered = queue.isEmpty() || enqueueOnly || QueuedDelivery.deliver(queue.get(), out);
            return report.failedCount() == 0 && delivered ? ExitCodes.OK : ExitCodes.SOME_FAILED;
        } catch (IOException e) {
            throw new CliException(ExitCodes.SOME_FAILED, MASS_READ_FAILED.message("send-mass: cannot read: "
                    + Errors.describe(e)), e);
        } catch (UncheckedIOException e) {
            throw reportFailed(e); // closing the report file
        }
    }

    private CliException reportFailed(UncheckedIOException e) {
        return new CliException(ExitCodes.SOME_FAILED, REPORT_WRITE_FAILED.message("send-mass: cannot write the report "
                + root.resolve(reportPath) + ": " + Errors.describe(e.getCause())), e);
    }

    /**
     * Opens the connection the chunks are sent over, so that a server that cannot be reached is
     * reported once, before anything is read. With a pool ({@code pool.max-connections}) that
     * connection is closed again: unopened, the backend spreads each chunk over pooled connections.
     */
    private static void open(EmailBackend connection, AliasView settings) {
        openOrFail(connection, settings);
        if ("smtp".equals(settings.backend()) && settings.settings().pool().enabled()) {
            connection.close();
        }
    }

    private static void openOrFail(EmailBackend connection, AliasView settings) {
        try {
            connection.open();
        } catch (MailException e) {
            throw new CliException(ExitCodes.SOME_FAILED,
                    NO_CONNECTION.message("send-mass: could not open a connection for "
                    + settings.describe() + "; nothing sent: " + Errors.oneLine(e)), e);
        }
    }

    private static BufferedReader strictUtf8(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    private static OptionalLong countLines(Path path) throws IOException {
        try (Stream<String> lines = Files.lines(path, StandardCharsets.ISO_8859_1)) {
            return OptionalLong.of(lines.filter(l -> !l.isBlank()).count());
        }
    }
}

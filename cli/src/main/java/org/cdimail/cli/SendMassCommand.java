package org.cdimail.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import io.smallrye.config.SmallRyeConfig;
import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.spi.EmailBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cdi-mail send-mass FILE.jsonl}: one message per line, all over one connection of the
 * alias. A bad line is reported with its number and does not stop the others.
 */
@Command(name = "send-mass",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Send one message per line of a JSON Lines file, all over one connection.",
            "A line: {\"subject\": ..., \"body\": ..., \"from\": ..., \"to\": [...], \"cc\": [...], \"bcc\": [...],",
            "  \"reply_to\": [...], \"headers\": {...}, \"html\": ..., \"alternatives\": [{\"content\", \"mimetype\"}],",
            "  \"content_subtype\": \"plain\"|\"html\", \"encoding\": ..., \"attachments\": [{\"filename\", \"content\"}",
            "  | {\"filename\", \"content_base64\"} | {\"path\"} | {\"message\": {...}}]}; every field optional.",
            "Bad lines (invalid JSON, header injection, refused recipients) are reported with their line number."})
final class SendMassCommand implements Callable<Integer> {

    @ParentCommand
    private CdiMail root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE.jsonl", description = "The messages, one JSON object per line; - reads standard input.")
    private String file;

    @Option(names = "--backend", paramLabel = "ALIAS", description = "The alias to send through. Default: the default alias.")
    private String alias;

    @Override
    public Integer call() throws IOException {
        boolean stdin = "-".equals(file);
        Path path = stdin ? null : root.resolve(Path.of(file));
        if (path != null && (!Files.isRegularFile(path) || !Files.isReadable(path))) {
            throw CliException.usage("CDIMAIL-00407: send-mass: not a readable file: " + path);
        }
        SmallRyeConfig config = root.config();
        AliasSettings settings = new AliasSettings(config, alias);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        JsonMessageParser parser = new JsonMessageParser(root.workingDir());
        MassSendReport report = new MassSendReport();

        try (MailRuntime runtime = MailRuntime.start(config);
                EmailBackend connection = runtime.mailer(alias).connection();
                BufferedReader reader = strictUtf8(stdin ? System.in : Files.newInputStream(path))) {
            open(connection, settings);
            Progress progress = Progress.forOutput(err, Progress.isTerminal() && path != null ? countLines(path) : OptionalLong.empty());
            try {
                sendAll(reader, parser, connection, report, progress);
            } finally {
                progress.finish(report.lines(), report.sentCount(), report.failedCount());
            }
        } catch (IOException e) {
            report.print(out, settings.describe());
            throw new CliException(ExitCodes.SOME_FAILED, "CDIMAIL-00409: send-mass: stopped reading after line "
                    + report.lines() + ": " + Errors.describe(e), e);
        }
        report.print(out, settings.describe());
        return report.failedCount() == 0 ? ExitCodes.OK : ExitCodes.SOME_FAILED;
    }

    private static void open(EmailBackend connection, AliasSettings settings) {
        try {
            connection.open();
        } catch (MailException e) {
            throw new CliException(ExitCodes.SOME_FAILED, "CDIMAIL-00408: send-mass: could not open a connection for "
                    + settings.describe() + "; nothing sent: " + Errors.oneLine(e), e);
        }
    }

    private static void sendAll(BufferedReader reader, JsonMessageParser parser, EmailBackend connection,
            MassSendReport report, Progress progress) throws IOException {
        long lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            report.lineRead();
            send(lineNumber, line, parser, connection, report);
            progress.update(report.lines(), report.sentCount(), report.failedCount());
        }
    }

    private static void send(long lineNumber, String line, JsonMessageParser parser, EmailBackend connection,
            MassSendReport report) {
        EmailMessage message;
        try {
            message = parser.parse(line);
        } catch (JsonMessageParser.InvalidLineException e) {
            report.failed(lineNumber, e.getMessage());
            return;
        }
        if (message.recipients().isEmpty()) {
            report.failed(lineNumber, "no recipients (to, cc and bcc are empty)");
            return;
        }
        try {
            if (connection.sendMessages(List.of(message)) == 1) {
                report.sent();
            } else {
                report.failed(lineNumber, "the backend did not send it");
            }
        } catch (MailDeliveryException e) {
            int recipients = message.recipients().size();
            if (e.messagesSent() > 0) {
                report.partlyDelivered(lineNumber, "delivered to " + e.sent().size() + " of " + recipients
                        + " recipients, " + e.invalid().size() + " refused: " + Errors.oneLine(e));
            } else {
                String refused = e.invalid().isEmpty() ? "" : " (" + e.invalid().size() + " of " + recipients + " recipients refused)";
                report.failed(lineNumber, "not sent" + refused + ": " + Errors.oneLine(e));
            }
        } catch (RuntimeException e) {
            // MailException, BadHeaderException and invalid addresses found while rendering.
            report.failed(lineNumber, Errors.oneLine(e));
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

package org.cdimail.cli;

import static org.cdimail.cli.CliError.ATTACHMENT_UNREADABLE;
import static org.cdimail.cli.CliError.BAD_HEADER_OPTION;
import static org.cdimail.cli.CliError.EMPTY_ADDRESS;
import static org.cdimail.cli.CliError.EMPTY_ADDRESS_SETTING;
import static org.cdimail.cli.CliError.NO_RECIPIENTS;
import static org.cdimail.cli.CliError.OPTION_FILE_UNREADABLE;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.smallrye.config.SmallRyeConfig;
import org.cdimail.BadHeaderException;
import org.cdimail.EmailMessage;
import org.cdimail.Mailer;
import org.cdimail.SendOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cdi-mail send}: one message, built from options, sent through an alias; and, as
 * Django's {@code sendtestemail --admins --managers}, a message to the configured lists.
 */
@Command(name = "send",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Send one message. Without --subject and --body it is a test message, as Django's sendtestemail.",
            "Prints what it sent and the count."})
final class SendCommand implements Callable<Integer> {

    @ParentCommand
    private CdiMail root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--to", paramLabel = "ADDRESS", description = "A recipient. Repeatable.")
    private List<String> to = new ArrayList<>();

    @Option(names = "--cc", paramLabel = "ADDRESS", description = "A Cc recipient. Repeatable.")
    private List<String> cc = new ArrayList<>();

    @Option(names = "--bcc", paramLabel = "ADDRESS", description = "A Bcc recipient (never shown in the message). Repeatable.")
    private List<String> bcc = new ArrayList<>();

    @Option(names = "--reply-to", paramLabel = "ADDRESS", description = "A Reply-To address. Repeatable.")
    private List<String> replyTo = new ArrayList<>();

    @Option(names = "--from", paramLabel = "ADDRESS", description = "The sender; mail.default-from when omitted.")
    private String from;

    @Option(names = "--subject", description = "The subject; a test subject naming this host when omitted.")
    private String subject;

    @ArgGroup(exclusive = true)
    private Body body;

    @Option(names = "--html-file", paramLabel = "FILE", description = "An HTML version of the body, sent as a text/html alternative.")
    private Path htmlFile;

    @Option(names = "--header", paramLabel = "'NAME: VALUE'", description = "An extra header. Repeatable.")
    private List<String> headers = new ArrayList<>();

    @Option(names = "--attach", paramLabel = "PATH[;MIMETYPE]", description = "A file to attach; the type is guessed from the name unless given. Repeatable.")
    private List<String> attachments = new ArrayList<>();

    @Option(names = "--backend", paramLabel = "ALIAS", description = "The alias to send through (mail.<alias>.*), e.g. smtp, file, console. Default: the default alias.")
    private String alias;

    @Option(names = "--admins", description = "Also send to mail.admins, as mail_admins does (subject prefix, mail.server-email as sender).")
    private boolean admins;

    @Option(names = "--managers", description = "Also send to mail.managers, as mail_managers does.")
    private boolean managers;

    /** Where the body comes from: one or the other. */
    static final class Body {
        @Option(names = "--body", description = "The plain-text body.")
        String text;

        @Option(names = "--body-file", paramLabel = "FILE", description = "A UTF-8 file holding the plain-text body.")
        Path file;
    }

    /** An empty address would send nothing and still read as a success. */
    private static void refuseBlank(String option, List<String> addresses) {
        if (addresses.stream().anyMatch(String::isBlank)) {
            throw CliException.usage(EMPTY_ADDRESS.message(option + " was given an empty address"));
        }
    }

    @Override
    public Integer call() {
        refuseBlank("--to", to);
        refuseBlank("--cc", cc);
        refuseBlank("--bcc", bcc);
        refuseBlank("--reply-to", replyTo);
        boolean hasRecipients = !(to.isEmpty() && cc.isEmpty() && bcc.isEmpty());
        if (!hasRecipients && !admins && !managers) {
            throw CliException.usage(
                    NO_RECIPIENTS.message("nothing to send: give --to, --cc, --bcc, --admins or --managers"));
        }
        String subjectText = subject != null ? subject : testSubject();
        String bodyText = bodyText();
        String html = htmlFile == null ? null : read(htmlFile, "--html-file");
        EmailMessage message = hasRecipients ? build(subjectText, bodyText, html) : null;

        SmallRyeConfig config = root.config();
        AliasView settings = new AliasView(config, alias);
        PrintWriter out = spec.commandLine().getOut();
        int sent = 0;
        try (MailRuntime runtime = MailRuntime.start(config)) {
            Mailer mailer = runtime.mailer(alias);
            if (message != null) {
                sent += mailer.send(message);
                out.println("Sent \"" + message.subject() + "\" to " + String.join(", ", message.recipients())
                        + " via " + settings.describe() + ".");
            }
            SendOptions options = SendOptions.builder().htmlMessage(html).build();
            if (admins) {
                sent += sendToList(out, "admins", mailer.mailAdmins(subjectText, bodyText, options), settings);
            }
            if (managers) {
                sent += sendToList(out, "managers", mailer.mailManagers(subjectText, bodyText, options), settings);
            }
        }
        out.println(sent + (sent == 1 ? " message" : " messages") + " sent.");
        return ExitCodes.OK;
    }

    private static int sendToList(PrintWriter out, String list, int sent, AliasView settings) {
        if (sent == 0) {
            throw CliException.usage(EMPTY_ADDRESS_SETTING.message("--" + list + ": " + settings.key(list)
                    + " is empty; nothing sent to the " + list));
        }
        out.println("Sent to the " + list + " (" + settings.key(list) + ") via " + settings.describe() + ".");
        return sent;
    }

    private EmailMessage build(String subjectText, String bodyText, String html) {
        EmailMessage.Builder builder = EmailMessage.builder()
                .subject(subjectText)
                .body(bodyText)
                .from(from)
                .to(to)
                .cc(cc)
                .bcc(bcc)
                .replyTo(replyTo);
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon < 1) {
                throw CliException.usage(BAD_HEADER_OPTION.message("--header must be 'Name: value'"));
            }
            builder.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        for (String attachment : attachments) {
            AttachmentArgument argument = AttachmentArgument.parse(attachment);
            Path path = root.resolve(argument.path());
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw CliException.usage(ATTACHMENT_UNREADABLE.message("--attach: not a readable file: " + path));
            }
            builder.attachFile(path, argument.mimetype());
        }
        if (html != null) {
            builder.attachAlternative(html, "text/html");
        }
        try {
            return builder.build();
        } catch (BadHeaderException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    private String bodyText() {
        if (body != null && body.text != null) {
            return body.text;
        }
        if (body != null && body.file != null) {
            return read(body.file, "--body-file");
        }
        return "If you're reading this, it was successful.";
    }

    private String read(Path file, String option) {
        Path path = root.resolve(file);
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, OPTION_FILE_UNREADABLE.message(option + ": cannot read " + path
                    + ": " + Errors.describe(e)), e);
        }
    }

    /** Django's sendtestemail subject: which host sent it, and when. */
    private static String testSubject() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return "Test email from " + host + " on " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME);
    }

    /**
     * {@code PATH[;MIMETYPE]}: the type starts after the first semicolon followed by a
     * {@code type/subtype}, and may carry parameters ({@code data.csv;text/csv; charset=utf-8}).
     */
    record AttachmentArgument(Path path, String mimetype) {
        private static final Pattern WITH_TYPE = Pattern.compile("(.+?);\\s*([\\w!#$&^.+-]+/[\\w!#$&^.+-]+(\\s*;.*)?)");

        static AttachmentArgument parse(String argument) {
            Matcher m = WITH_TYPE.matcher(argument);
            if (m.matches()) {
                return new AttachmentArgument(Path.of(m.group(1)), m.group(2).strip());
            }
            return new AttachmentArgument(Path.of(argument), null);
        }
    }
}

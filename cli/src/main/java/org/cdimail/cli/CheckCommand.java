package org.cdimail.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.smallrye.config.SmallRyeConfig;
import org.cdimail.MailException;
import org.cdimail.spi.EmailBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cdi-mail check}: opens and closes a connection of an alias and says what the server
 * offered, or exactly why it failed.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Open and close a connection of an alias and report what the SMTP server offered",
            "(STARTTLS, AUTH mechanisms, SIZE, 8BITMIME, SMTPUTF8, PIPELINING), or exactly why it failed."})
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    private CdiMail root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--backend", paramLabel = "ALIAS", description = "The alias to check. Default: the default alias.")
    private String alias;

    @Override
    public Integer call() {
        SmallRyeConfig config = root.config();
        AliasSettings settings = new AliasSettings(config, alias);
        PrintWriter out = spec.commandLine().getOut();
        if (settings.backend().equals("smtp")) {
            SmtpProbe.SmtpSettings smtp = SmtpProbe.SmtpSettings.of(settings);
            out.println("Checking " + settings.describe() + ": " + smtp.host() + ":" + smtp.port());
            new SmtpProbe(smtp).probe().forEach(out::println);
            out.println("Connection closed. OK.");
            return ExitCodes.OK;
        }
        // Other backends have no server: check that the library opens and closes their connection.
        try (MailRuntime runtime = MailRuntime.start(config);
                EmailBackend connection = runtime.mailer(alias).connection()) {
            connection.open();
        } catch (MailException e) {
            throw new CliException(ExitCodes.SOME_FAILED, "CDIMAIL-00420: check: " + settings.describe()
                    + " could not open a connection: " + Errors.oneLine(e), e);
        }
        out.println(settings.describe() + ": no server to check; a connection opened and closed. OK.");
        return ExitCodes.OK;
    }
}

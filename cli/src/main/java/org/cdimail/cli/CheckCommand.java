package org.cdimail.cli;

import static org.cdimail.cli.CliError.CHECK_FAILED;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.smallrye.config.SmallRyeConfig;
import org.cdimail.MailException;
import org.cdimail.impl.backend.smtp.SmtpConnector;
import org.cdimail.impl.config.AliasSettings;
import org.cdimail.impl.config.InvalidSettingException;
import org.cdimail.impl.config.MailKey;
import org.cdimail.spi.EmailBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cdi-mail check}: opens and closes a connection of an alias and says what the server
 * offered, or exactly why it failed.
 *
 * <p>For an {@code smtp} alias, a probe first reads the server's EHLO reply (without logging in),
 * then the library's own connection is opened and closed, which logs in with the configured
 * credentials and applies every rule of the backend. Other backends have no server: their
 * connection is opened and closed.
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
        AliasView view = new AliasView(config, alias);
        PrintWriter out = spec.commandLine().getOut();
        boolean smtp = view.backend().equals("smtp");
        if (smtp) {
            AliasSettings settings = view.settings();
            refuseWhatTheBackendWouldRefuse(settings, view);
            out.println("Checking " + view.describe() + ": " + settings.host() + ":" + settings.port());
            new SmtpProbe(settings, view).probe().forEach(out::println);
            openAndClose(config, view);
            out.println("  Login      " + (settings.username().isPresent()
                    ? "accepted for " + view.key(MailKey.USERNAME)
                    : "not attempted (" + view.key(MailKey.USERNAME) + " not set)"));
            out.println("OK: cdi-mail opened and closed a connection of " + view.describe() + ".");
        } else {
            openAndClose(config, view);
            out.println("OK: " + view.describe() + " has no server to check; its connection opened and closed.");
        }
        return ExitCodes.OK;
    }

    /** The smtp backend's own checks of the settings (TLS files, credentials over plain text). */
    private static void refuseWhatTheBackendWouldRefuse(AliasSettings settings, AliasView view) {
        try {
            new SmtpConnector(settings, view::key);
        } catch (InvalidSettingException e) {
            throw new CliException(ExitCodes.USAGE, Errors.oneLine(e), e);
        }
    }

    private void openAndClose(SmallRyeConfig config, AliasView view) {
        try (MailRuntime runtime = MailRuntime.start(config);
                EmailBackend connection = runtime.mailer(alias).connection()) {
            connection.open();
        } catch (MailException e) {
            throw new CliException(ExitCodes.SOME_FAILED, CHECK_FAILED.message("check: " + view.describe()
                    + ": the connection failed: " + Errors.oneLine(e)), e);
        }
    }
}

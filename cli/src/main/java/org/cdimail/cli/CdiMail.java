package org.cdimail.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.smallrye.config.SmallRyeConfig;
import org.cdimail.MailException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code cdi-mail} command and its options common to every subcommand: where configuration
 * comes from, and how much to say when something fails.
 */
@Command(name = "cdi-mail",
        mixinStandardHelpOptions = true,
        versionProvider = CdiMail.Version.class,
        usageHelpAutoWidth = true,
        description = {
            "Send mail through cdi-mail exactly as an application does: Django's sendtestemail, grown up.",
            "With no configuration the backend is 'console': messages are printed, not sent."},
        subcommands = {
            SendCommand.class,
            SendMassCommand.class,
            DebugServerCommand.class,
            CheckCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"",
            "Configuration, highest priority first: --set, system properties (JAVA_OPTS=-Dmail.host=...),",
            "environment variables (MAIL_HOST), --config FILE or ./microprofile-config.properties.",
            "Exit codes: 0 all sent, 1 some messages failed, 2 usage or configuration error."})
public final class CdiMail implements Runnable {

    private static final String JBOSS_LOGGING_PROVIDER = "org.jboss.logging.provider";

    @Spec
    private CommandSpec spec;

    private Path configFile;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private boolean verbose;

    // The options below may come before or after the subcommand (scope INHERIT). picocli resets
    // an inherited option when the subcommand starts parsing, so the setters accumulate instead
    // of assigning: "--set a=1 send --set b=2" keeps both.

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Properties file to read instead of ./microprofile-config.properties.")
    void configFile(Path file) {
        if (file != null) {
            configFile = file;
        }
    }

    @Option(names = "--set", paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT,
            description = "A configuration value that overrides every other source, e.g. --set mail.port=2525. Repeatable.")
    void settings(Map<String, String> pairs) {
        if (pairs != null) {
            settings.putAll(pairs);
        }
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Show the library's log and the stack trace of a failure.")
    void verbose(boolean on) {
        verbose |= on;
    }

    private final Path workingDir;
    private final Map<String, String> env;

    private CdiMail(Path workingDir, Map<String, String> env) {
        this.workingDir = workingDir;
        this.env = env;
    }

    /**
     * Runs the command and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(execute(Path.of("").toAbsolutePath(), System.getenv(), args));
    }

    /**
     * Runs the command in this JVM, writing to the current {@code System.out} and
     * {@code System.err}.
     *
     * @param workingDir where relative paths and {@code microprofile-config.properties} are found
     * @param env        the environment variables to read configuration from
     * @param args       the command line
     * @return the exit code
     */
    static int execute(Path workingDir, Map<String, String> env, String... args) {
        return execute(workingDir, env, System.out, System.err, args);
    }

    /**
     * Runs the command in this JVM with the given output streams (the console backend still
     * writes to {@code System.out}, as configured in the library).
     *
     * @param workingDir where relative paths and {@code microprofile-config.properties} are found
     * @param env        the environment variables to read configuration from
     * @param stdout     where the command's output goes
     * @param stderr     where errors and progress go
     * @param args       the command line
     * @return the exit code
     */
    static int execute(Path workingDir, Map<String, String> env, PrintStream stdout, PrintStream stderr, String... args) {
        // Weld logs through JBoss Logging; keep it on java.util.logging, which quietLogging tunes.
        if (System.getProperty(JBOSS_LOGGING_PROVIDER) == null) {
            System.setProperty(JBOSS_LOGGING_PROVIDER, "jdk");
        }
        CdiMail root = new CdiMail(workingDir, env);
        Charset charset = outputCharset();
        PrintWriter out = new PrintWriter(stdout, true, charset);
        PrintWriter err = new PrintWriter(stderr, true, charset);
        CommandLine commandLine = new CommandLine(root)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(CdiMail::reportUsageError)
                .setExecutionExceptionHandler((failure, command, parseResult) -> root.reportFailure(failure, err));
        commandLine.setExecutionStrategy(parseResult -> {
            quietLogging(root.verbose);
            return new CommandLine.RunLast().execute(parseResult);
        });
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * UTF-8, unless the JVM knows the terminal's encoding (Java 19 and later set
     * {@code stdout.encoding}); Java 17 in a POSIX locale would otherwise print {@code ?} for
     * every non-ASCII letter.
     */
    private static Charset outputCharset() {
        String encoding = System.getProperty("stdout.encoding");
        try {
            return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: send, send-mass, debug-server or check");
    }

    /**
     * The configuration the library reads, built from the options of this command line.
     *
     * @return the configuration
     */
    SmallRyeConfig config() {
        return CliConfig.build(settings, Optional.ofNullable(configFile), workingDir, env);
    }

    /**
     * Resolves a path given on the command line against the working directory.
     *
     * @param path the path as given
     * @return the resolved path
     */
    Path resolve(Path path) {
        return workingDir.resolve(path);
    }

    Path workingDir() {
        return workingDir;
    }

    private int reportFailure(Exception failure, PrintWriter err) {
        err.println("cdi-mail: " + Errors.oneLine(failure));
        if (verbose) {
            failure.printStackTrace(err);
        }
        if (failure instanceof CliException cli) {
            return cli.exitCode();
        }
        return failure instanceof MailException ? ExitCodes.SOME_FAILED : ExitCodes.USAGE;
    }

    private static int reportUsageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + Errors.redact(e.getMessage())
                + " (see " + command.getCommandSpec().qualifiedName() + " --help)");
        return ExitCodes.USAGE;
    }

    /**
     * Weld and the libraries log their start-up at INFO through java.util.logging; the command's
     * output is its own, so only warnings are shown unless {@code --verbose}.
     */
    private static void quietLogging(boolean verbose) {
        Logger.getLogger("").setLevel(verbose ? Level.INFO : Level.WARNING);
        WarningPrinter.install();
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CdiMail.class.getPackage().getImplementationVersion();
            return new String[] {"cdi-mail " + (version == null ? "(development build)" : version)};
        }
    }
}

package org.cdimail.cli;

import static org.cdimail.cli.CliError.UNKNOWN_QUEUE_ACTION;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import io.smallrye.config.SmallRyeConfig;
import org.cdimail.queue.AliasQueue;
import org.cdimail.spi.EmailBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cdi-mail queue status|dead|retry-dead|purge-dead}: what is in a queued alias's queue,
 * and the operator's actions on its dead letters. Never prints an address.
 */
@Command(name = "queue",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Inspect a queued alias: status (messages pending and dead), dead (the dead letters with code,",
            "enhanced code, reason, attempts, first and last attempt), retry-dead (back to the queue),",
            "purge-dead (delete them)."})
final class QueueCommand implements Callable<Integer> {

    /** The actions. */
    enum Action {
        STATUS("status"), DEAD("dead"), RETRY_DEAD("retry-dead"), PURGE_DEAD("purge-dead");

        final String word;

        Action(String word) {
            this.word = word;
        }

        static Action of(String word) {
            for (Action action : values()) {
                if (action.word.equals(word)) {
                    return action;
                }
            }
            throw CliException.usage(UNKNOWN_QUEUE_ACTION.message("queue: unknown action '" + word
                    + "'; use status, dead, retry-dead or purge-dead"));
        }
    }

    @ParentCommand
    private CdiMail root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "ACTION", description = "status, dead, retry-dead or purge-dead")
    private String action;

    @Option(names = "--backend", paramLabel = "ALIAS", description = "The queued alias. Default: the default alias.")
    private String alias;

    @Override
    public Integer call() {
        Action chosen = Action.of(action);
        SmallRyeConfig config = root.config();
        AliasView view = new AliasView(config, alias);
        PrintWriter out = spec.commandLine().getOut();
        try (MailRuntime runtime = MailRuntime.start(config);
                EmailBackend connection = runtime.mailer(alias).connection()) {
            AliasQueue queue = QueuedAlias.of(connection, view);
            switch (chosen) {
                case STATUS -> {
                    out.println("queue of " + view.describe() + " in " + queue.describe() + ":");
                    out.println("  pending (ready, scheduled, in flight)  " + queue.pending());
                    out.println("  dead                                   " + queue.deadLetters().size());
                }
                case DEAD -> {
                    List<String> dead = queue.deadLetters();
                    out.println(dead.size() + " dead letter(s) of " + view.describe() + ":");
                    dead.forEach(line -> out.println("  " + line));
                }
                case RETRY_DEAD -> out.println(queue.retryDead() + " dead letter(s) of " + view.describe()
                        + " moved back to the queue");
                case PURGE_DEAD -> out.println(queue.purgeDead() + " dead letter(s) of " + view.describe() + " deleted");
                default -> throw new IllegalStateException(chosen.name());
            }
            return ExitCodes.OK;
        }
    }
}

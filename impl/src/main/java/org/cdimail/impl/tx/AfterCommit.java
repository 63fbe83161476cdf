package org.cdimail.impl.tx;

import static org.cdimail.impl.ImplError.INVALID_TRANSACTIONAL;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import org.cdimail.impl.backend.AliasContext;
import org.cdimail.impl.backend.JoinsTransactions;
import org.cdimail.impl.config.InvalidSettingException;
import org.cdimail.impl.config.MailKey;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.spi.BackendFactory;
import org.cdimail.spi.EmailBackend;

/**
 * One alias's {@code mail.<alias>.transactional}: whether its sends, made inside a JTA
 * transaction, wait for the commit. Decides per send ({@link #decide()}) and puts
 * {@link AfterCommitConnection} in front of the alias's connections. Immutable.
 */
public final class AfterCommit {

    /** What to do with a send made now. */
    public enum Decision {
        /** Send now: no transaction, {@code immediate}, or no JTA. */
        NOW,
        /** Hold it until the transaction ends; send after the commit. */
        AT_COMMIT,
        /** Discard it: the transaction will roll back. */
        DISCARD,
        /** Send now, on the caller's thread: the alias's connections join the transaction themselves. */
        IN_TRANSACTION
    }

    private final String alias;
    private final boolean afterCommit;
    private final Transactions transactions;
    private final BackendFactory factory;
    private final MimeRenderer renderer;

    private AfterCommit(String alias, boolean afterCommit, Transactions transactions, BackendFactory factory,
            MimeRenderer renderer) {
        this.alias = alias;
        this.renderer = renderer;
        this.afterCommit = afterCommit;
        this.transactions = transactions;
        this.factory = factory;
    }

    /**
     * Reads the alias's {@code transactional} key.
     *
     * @param context      the alias
     * @param transactions the container's transactions
     * @param factory      the factory of the alias's connections (possibly the queue's)
     * @return the alias's policy
     * @throws InvalidSettingException naming the key, if it is neither {@code after-commit} nor {@code immediate}
     */
    public static AfterCommit of(AliasContext context, Transactions transactions, BackendFactory factory) {
        String value = context.config().lookup(context.alias(), MailKey.TRANSACTIONAL)
                .or(MailKey.TRANSACTIONAL::defaultValue).orElseThrow().strip().toLowerCase(Locale.ROOT);
        boolean afterCommit = switch (value) {
            case "after-commit" -> true;
            case "immediate" -> false;
            default -> {
                String key = context.keyOf(MailKey.TRANSACTIONAL);
                throw new InvalidSettingException(key, INVALID_TRANSACTIONAL.message(key
                        + " must be after-commit or immediate"));
            }
        };
        return new AfterCommit(context.alias(), afterCommit, Objects.requireNonNull(transactions, "transactions"),
                factory, context.mimeRenderer());
    }

    /**
     * What to do with a send the calling thread makes now.
     *
     * @return the decision
     */
    public Decision decide() {
        if (!afterCommit) {
            return Decision.NOW;
        }
        Transactions.State state = transactions.state();
        if (state == Transactions.State.NONE) {
            return Decision.NOW;
        }
        if (factory instanceof JoinsTransactions joins && joins.joinsTransaction()) {
            return Decision.IN_TRANSACTION;
        }
        return state == Transactions.State.ACTIVE ? Decision.AT_COMMIT : Decision.DISCARD;
    }

    /**
     * Registers {@code completion} for the end of the calling thread's transaction; only after
     * {@link #decide()} said {@link Decision#AT_COMMIT}.
     *
     * @param completion what to do after the commit or rollback
     * @throws IllegalStateException if the transaction takes no more synchronizations
     */
    public void onEnd(Transactions.Completion completion) {
        transactions.onEnd(completion);
    }

    /**
     * A connection of the alias that holds sends made inside a transaction until the commit.
     *
     * @param direct  the connection sends go to now
     * @param connect opens a new connection like {@code direct}, for the sends after a commit
     * @param failSilently whether the connection was obtained with fail-silently
     * @return {@code direct} itself for {@code immediate} or where there is no JTA, else the holding connection
     */
    public EmailBackend wrap(EmailBackend direct, Supplier<EmailBackend> connect, boolean failSilently) {
        return afterCommit && transactions.possible()
                ? new AfterCommitConnection(alias, this, direct, connect, renderer, failSilently) : direct;
    }

    @Override
    public String toString() {
        return "AfterCommit[" + alias + ", " + (afterCommit ? "after-commit" : "immediate") + "]";
    }
}

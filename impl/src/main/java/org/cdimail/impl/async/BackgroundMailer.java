package org.cdimail.impl.async;

import static org.cdimail.impl.ImplError.TRANSACTION_REGISTRATION_FAILED;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.cdimail.AsyncMailer;
import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.SendOptions;
import org.cdimail.impl.tx.AfterCommit;
import org.cdimail.impl.tx.HeldReceipts;

/**
 * The {@link AsyncMailer} of an alias. Each method builds its messages on the calling thread (as
 * the synchronous method does), then hands the delivery to {@link AsyncSends}; the stage
 * completes with the receipts of {@link org.cdimail.Mailer#deliver(List, SendOptions)}, or
 * exceptionally with what it threw. Inside a JTA transaction ({@code transactional=after-commit})
 * the delivery is started after the commit, and on rollback the stage completes with receipts
 * {@code NOT_ATTEMPTED}; a queued alias whose enqueue joins the transaction enqueues on the calling
 * thread, inside it. Thread-safe.
 */
public final class BackgroundMailer implements AsyncMailer {

    /** The synchronous side of the alias: builds messages as its {@code Mailer} does, and delivers them. */
    public interface Alias {

        /**
         * The alias name.
         *
         * @return the name
         */
        String name();

        /**
         * The message of {@code sendMail}.
         *
         * @param subject the subject
         * @param body    the body
         * @param from    the sender, or {@code null}
         * @param to      the recipients
         * @param options the options (HTML alternative)
         * @return the message
         */
        EmailMessage mail(String subject, String body, String from, List<String> to, SendOptions options);

        /**
         * The message of {@code mailAdmins} or {@code mailManagers}.
         *
         * @param admins  {@code true} for the admins, {@code false} for the managers
         * @param subject the subject, before the prefix
         * @param body    the body
         * @param options the options (HTML alternative)
         * @return the message, or empty when the list is empty
         */
        Optional<EmailMessage> staffMail(boolean admins, String subject, String body, SendOptions options);

        /**
         * Delivers synchronously: {@code Mailer.deliver}.
         *
         * @param messages the messages
         * @param options  the options
         * @return the receipts
         */
        List<Receipt> deliver(List<EmailMessage> messages, SendOptions options);

        /**
         * The alias's transactional policy.
         *
         * @return the policy
         */
        AfterCommit afterCommit();
    }

    private final Alias alias;
    private final AsyncSends sends;

    /**
     * @param alias the alias
     * @param sends the container's asynchronous sends
     */
    public BackgroundMailer(Alias alias, AsyncSends sends) {
        this.alias = alias;
        this.sends = sends;
    }

    @Override
    public String alias() {
        return alias.name();
    }

    @Override
    public CompletionStage<Receipt> sendMail(String subject, String message, String from, List<String> recipientList,
            SendOptions options) {
        Objects.requireNonNull(options, "options");
        return first(submit(List.of(alias.mail(subject, message, from, recipientList, options)), options));
    }

    @Override
    public CompletionStage<List<Receipt>> sendMassMail(List<EmailMessage> messages, SendOptions options) {
        return submit(List.copyOf(messages), Objects.requireNonNull(options, "options"));
    }

    @Override
    public CompletionStage<List<Receipt>> mailAdmins(String subject, String message, SendOptions options) {
        return staff(true, subject, message, options);
    }

    @Override
    public CompletionStage<List<Receipt>> mailManagers(String subject, String message, SendOptions options) {
        return staff(false, subject, message, options);
    }

    private CompletionStage<List<Receipt>> staff(boolean admins, String subject, String message, SendOptions options) {
        Objects.requireNonNull(options, "options");
        Optional<EmailMessage> mail = alias.staffMail(admins, subject, message, options);
        // As the synchronous method: nothing to send, and no connection is opened.
        return mail.isPresent() ? submit(List.of(mail.get()), options) : CompletableFuture.completedFuture(List.of());
    }

    @Override
    public CompletionStage<Receipt> send(EmailMessage message, SendOptions options) {
        return first(submit(List.of(Objects.requireNonNull(message, "message")), Objects.requireNonNull(options,
                "options")));
    }

    @Override
    public CompletionStage<List<Receipt>> deliver(List<EmailMessage> messages, SendOptions options) {
        return submit(List.copyOf(messages), Objects.requireNonNull(options, "options"));
    }

    private CompletableFuture<List<Receipt>> submit(List<EmailMessage> messages, SendOptions options) {
        AsyncSends.Ticket<List<Receipt>> ticket = sends.admit(alias.name());
        if (ticket.stage().isDone()) {
            return ticket.stage(); // refused: too many pending, or stopping
        }
        AfterCommit policy = alias.afterCommit();
        switch (policy.decide()) {
            case NOW -> ticket.start(() -> alias.deliver(messages, options));
            case IN_TRANSACTION -> ticket.runHere(() -> alias.deliver(messages, options));
            case DISCARD -> ticket.complete(HeldReceipts.rolledBack(messages));
            case AT_COMMIT -> {
                try {
                    policy.onEnd(committed -> {
                        if (committed) {
                            ticket.start(() -> alias.deliver(messages, options));
                        } else {
                            ticket.complete(HeldReceipts.rolledBack(messages));
                        }
                    });
                } catch (IllegalStateException e) {
                    ticket.fail(new MailException(TRANSACTION_REGISTRATION_FAILED.message("an asynchronous send of alias '"
                            + alias.name() + "' cannot wait for the JTA transaction to commit: it takes no"
                            + " synchronization; nothing is sent"), e));
                }
            }
        }
        return ticket.stage();
    }

    /** The one receipt of a one-message send, failing as the batch does (with its cause, not wrapped). */
    private static CompletionStage<Receipt> first(CompletableFuture<List<Receipt>> batch) {
        CompletableFuture<Receipt> one = new CompletableFuture<>();
        batch.whenComplete((receipts, failure) -> {
            if (failure != null) {
                one.completeExceptionally(failure);
            } else {
                one.complete(receipts.get(0));
            }
        });
        return one;
    }

    @Override
    public String toString() {
        return "AsyncMailer[" + alias.name() + "]";
    }
}

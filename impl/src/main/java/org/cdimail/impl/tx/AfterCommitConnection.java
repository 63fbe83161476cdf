package org.cdimail.impl.tx;

import static org.cdimail.impl.ImplError.AFTER_COMMIT_SEND_FAILED;
import static org.cdimail.impl.ImplError.TRANSACTION_REGISTRATION_FAILED;
import static org.cdimail.impl.ImplError.TRANSACTION_ROLLED_BACK;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.impl.backend.LocalDelivery;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.impl.backend.Stage;
import org.cdimail.spi.EmailBackend;

/**
 * The outermost stage of an alias's connections under {@code transactional=after-commit}: a send
 * made inside an active JTA transaction is checked (its addresses), held, and delivered through a
 * new connection of the alias once the transaction has committed; on rollback it is dropped.
 * Outside a transaction every call goes straight to the connection behind.
 *
 * <p>What a held send returns, since nothing has been sent yet: {@link #sendMessages} counts the
 * messages held (those with recipients), as Django's count of messages handed over;
 * {@link #deliver} gives each held message a {@link Receipt.Status#NOT_ATTEMPTED} receipt whose
 * failure is {@code HELD_UNTIL_COMMIT} (nobody refused it, nobody accepted it yet). In a
 * transaction already marked for rollback, messages are dropped at once: count 0, receipts
 * {@code NOT_ATTEMPTED} with {@code TRANSACTION_ROLLED_BACK}. Failures after the commit cannot reach
 * the caller, who has returned: they are logged with the counts and the failure's id (no
 * addresses), and the alias's send events report each message as usual.
 */
final class AfterCommitConnection implements EmailBackend, Stage {

    private static final System.Logger LOG = System.getLogger(AfterCommitConnection.class.getName());

    private final String alias;
    private final AfterCommit policy;
    private final EmailBackend direct;
    private final Supplier<EmailBackend> connect;
    private final MimeRenderer renderer;
    private final boolean failSilently;

    AfterCommitConnection(String alias, AfterCommit policy, EmailBackend direct, Supplier<EmailBackend> connect,
            MimeRenderer renderer, boolean failSilently) {
        this.alias = alias;
        this.policy = policy;
        this.direct = direct;
        this.connect = connect;
        this.renderer = renderer;
        this.failSilently = failSilently;
    }

    @Override
    public boolean open() {
        return direct.open();
    }

    @Override
    public void close() {
        direct.close();
    }

    @Override
    public int sendMessages(List<EmailMessage> messages) {
        return switch (policy.decide()) {
            case NOW, IN_TRANSACTION -> direct.sendMessages(messages);
            case AT_COMMIT -> (int) hold(messages).stream().filter(HeldReceipts::isHeld).count();
            case DISCARD -> {
                discarded(messages);
                yield 0;
            }
        };
    }

    @Override
    public List<Receipt> deliver(List<EmailMessage> messages) {
        return switch (policy.decide()) {
            case NOW, IN_TRANSACTION -> direct.deliver(messages);
            case AT_COMMIT -> hold(messages);
            case DISCARD -> discarded(messages);
        };
    }

    /** Checks and holds the messages with recipients until the transaction ends. */
    private List<Receipt> hold(List<EmailMessage> messages) {
        List<EmailMessage> batch = List.copyOf(messages);
        List<Receipt> receipts = new ArrayList<>(batch.size());
        List<EmailMessage> held = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            EmailMessage message = batch.get(i);
            if (message.recipients().isEmpty()) {
                receipts.add(LocalDelivery.noRecipients(i, message));
                continue;
            }
            renderer.envelope(message, true); // an invalid address is thrown now, not logged after the commit
            held.add(message);
            receipts.add(HeldReceipts.held(i, message));
        }
        if (held.isEmpty()) {
            return receipts;
        }
        List<EmailMessage> toSend = List.copyOf(held);
        try {
            policy.onEnd(committed -> {
                if (committed) {
                    sendAfterCommit(toSend);
                } else {
                    LOG.log(System.Logger.Level.DEBUG, () -> TRANSACTION_ROLLED_BACK.message(toSend.size()
                            + " messages of alias '" + alias + "' dropped: their JTA transaction rolled back"));
                }
            });
        } catch (IllegalStateException e) {
            MailException failure = new MailException(TRANSACTION_REGISTRATION_FAILED.message("the messages of alias '"
                    + alias + "' cannot be held until the JTA transaction commits: it takes no synchronization;"
                    + " nothing is sent"), e);
            if (!failSilently) {
                throw failure;
            }
            return HeldReceipts.dropped(batch, failure.getMessage());
        }
        return receipts;
    }

    /** Runs after the commit, on the thread that committed: the caller's send has returned long ago. */
    private void sendAfterCommit(List<EmailMessage> held) {
        List<Receipt> receipts;
        try (EmailBackend connection = connect.get()) {
            receipts = connection.deliver(held);
        } catch (MailDeliveryException e) {
            report(held.size(), held.size() - Receipt.sentCount(e.receipts()), e.getMessage(), false);
            return;
        } catch (MailException e) {
            report(held.size(), held.size(), e.getMessage(), false);
            return;
        } catch (RuntimeException e) {
            report(held.size(), held.size(), e.getClass().getName(), false);
            return;
        }
        int notSent = held.size() - Receipt.sentCount(receipts);
        if (notSent > 0) {
            report(held.size(), notSent, receipts.stream().flatMap(r -> r.failure().stream()).findFirst()
                    .orElse("refused"), failSilently);
        }
    }

    private void report(int held, int notSent, String failure, boolean quietly) {
        LOG.log(quietly ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING, AFTER_COMMIT_SEND_FAILED.message(
                notSent + " of " + held + " messages of alias '" + alias + "' held for the commit of a JTA transaction"
                        + " were not sent after it: " + failure));
    }

    private static List<Receipt> discarded(List<EmailMessage> messages) {
        return HeldReceipts.dropped(List.copyOf(messages), TRANSACTION_ROLLED_BACK.message(
                "not sent: the JTA transaction is marked for rollback"));
    }

    @Override
    public String toString() {
        return "AfterCommit[" + direct + "]";
    }

    @Override
    public EmailBackend inner() {
        return direct;
    }
}

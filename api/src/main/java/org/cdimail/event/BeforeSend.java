package org.cdimail.event;

import static org.cdimail.ApiError.BEFORE_SEND_DECIDED;
import static org.cdimail.ApiError.BEFORE_SEND_NULL_REPLACEMENT;

import java.util.Objects;
import java.util.Optional;

import org.cdimail.EmailMessage;

/**
 * A message is about to be sent: fired once per message, before the alias's recipient governance
 * ({@code redirect-to}, {@code allowed-recipients}) and before rendering, on every path that is
 * given an {@link EmailMessage} (a message of a queued alias is announced when it is enqueued,
 * not again when a worker delivers it).
 *
 * <p>Synchronous observers run one after the other on the sending thread; each sees the message
 * as the observers before it left it. One may {@linkplain #replace replace} the message with a
 * modified copy (other recipients, another header) or {@linkplain #veto veto} it: a vetoed message
 * is not sent, and its receipt refuses every recipient {@linkplain org.cdimail.Refusal#policy() by
 * policy}. Asynchronous observers are told afterwards and may only read: the decision was taken.
 *
 * <p>Not thread-safe: meant for the observers of one firing.
 */
public final class BeforeSend {

    private final String alias;
    private EmailMessage message;
    private String vetoReason;
    private boolean decided;

    /**
     * An event for one message.
     *
     * @param alias   the alias sending it
     * @param message the message
     */
    public BeforeSend(String alias, EmailMessage message) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.message = Objects.requireNonNull(message, "message");
    }

    /**
     * The alias sending the message.
     *
     * @return the alias, {@code "default"} for the unqualified mailer
     */
    public String alias() {
        return alias;
    }

    /**
     * The message as it will be sent: the original, or the latest replacement.
     *
     * @return the message
     */
    public EmailMessage message() {
        return message;
    }

    /**
     * Sends this message instead (typically {@code event.message().toBuilder()...build()}).
     *
     * @param replacement the message to send
     * @throws IllegalArgumentException if {@code replacement} is {@code null}
     * @throws IllegalStateException    if the synchronous observers have all run
     */
    public void replace(EmailMessage replacement) {
        undecided("replace");
        if (replacement == null) {
            throw new IllegalArgumentException(BEFORE_SEND_NULL_REPLACEMENT.message(
                    "BeforeSend.replace needs a message; call veto to send nothing"));
        }
        this.message = replacement;
    }

    /**
     * Does not send the message.
     *
     * @param reason why, for the receipt's refusals and logs: without addresses or secrets
     * @throws IllegalStateException if the synchronous observers have all run
     */
    public void veto(String reason) {
        undecided("veto");
        this.vetoReason = reason == null || reason.isBlank() ? "vetoed by an observer" : reason;
    }

    /**
     * Whether an observer vetoed the message.
     *
     * @return {@code true} if it will not be sent
     */
    public boolean vetoed() {
        return vetoReason != null;
    }

    /**
     * The reason given with the veto.
     *
     * @return the reason, or empty if not vetoed
     */
    public Optional<String> vetoReason() {
        return Optional.ofNullable(vetoReason);
    }

    /**
     * Called by cdi-mail once the synchronous observers have run; later vetoes and replacements
     * (by asynchronous observers) throw.
     */
    public void decide() {
        decided = true;
    }

    private void undecided(String what) {
        if (decided) {
            throw new IllegalStateException(BEFORE_SEND_DECIDED.message("BeforeSend." + what
                    + " is for synchronous observers (@Observes); the message was already "
                    + (vetoed() ? "vetoed" : "handed on")));
        }
    }

    /** Never shows addresses. */
    @Override
    public String toString() {
        return "BeforeSend[" + alias + (vetoed() ? ", vetoed" : "") + "]";
    }
}

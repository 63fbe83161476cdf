package org.cdimail;

import static org.cdimail.ApiError.INVALID_ENHANCED_STATUS_CODE;
import static org.cdimail.ApiError.INVALID_REPLY_CODE;
import static org.cdimail.ApiError.POLICY_REFUSAL_WITHOUT_REASON;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Why one recipient of a message was not delivered to: the server's reply code, its RFC 3463
 * enhanced status code when it gave one, and whether the failure is temporary (worth retrying)
 * or permanent.
 *
 * <p>A refusal never carries the server's free text, which may echo addresses. A failure that is
 * not an SMTP reply to this recipient (the connection was refused or lost, a timeout, a refused
 * {@code DATA}) applies to every recipient of the message: then {@link #code()} is the reply that
 * failed the transaction, if there was one, and {@link #reason()} says what happened.
 *
 * <p>Immutable and thread-safe.
 */
public final class Refusal {

    private static final Pattern ENHANCED = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    private final String recipient;
    private final int code;
    private final String enhancedCode;
    private final boolean temporary;
    private final String reason;
    private final boolean policy;

    private Refusal(String recipient, int code, String enhancedCode, boolean temporary, String reason) {
        this(recipient, code, enhancedCode, temporary, reason, false);
    }

    private Refusal(String recipient, int code, String enhancedCode, boolean temporary, String reason, boolean policy) {
        this.recipient = Objects.requireNonNull(recipient, "recipient");
        if (code != 0 && (code < 200 || code > 599)) {
            throw new IllegalArgumentException(INVALID_REPLY_CODE.message("an SMTP reply code is 200-599, not "
                    + code));
        }
        if (enhancedCode != null && !ENHANCED.matcher(enhancedCode).matches()) {
            throw new IllegalArgumentException(
                    INVALID_ENHANCED_STATUS_CODE.message("not an RFC 3463 enhanced status code"));
        }
        this.code = code;
        this.enhancedCode = enhancedCode;
        this.temporary = temporary;
        this.reason = reason;
        this.policy = policy;
    }

    /**
     * The server refused the recipient with a reply; temporary when the code is 4xx.
     *
     * @param recipient    the recipient, as it was given to the backend's envelope
     * @param code         the SMTP reply code, 400-599
     * @param enhancedCode the RFC 3463 enhanced status code ({@code 5.1.1}), or {@code null}
     * @return the refusal
     * @throws IllegalArgumentException if the code is not 4xx or 5xx, or the enhanced code is malformed
     */
    public static Refusal byReply(String recipient, int code, String enhancedCode) {
        if (code < 400 || code > 599) {
            throw new IllegalArgumentException(
                    INVALID_REPLY_CODE.message("a refusal's SMTP reply code is 400-599, not " + code));
        }
        return new Refusal(recipient, code, enhancedCode, code < 500, null);
    }

    /**
     * The recipient was not delivered to for a reason other than a reply to it: the connection
     * failed, a timeout, or the transaction as a whole was refused.
     *
     * @param recipient the recipient
     * @param code      the reply that failed the transaction (a {@code 421}, a refused
     *                  {@code DATA}), or 0 when there was none
     * @param temporary whether trying again later may succeed
     * @param reason    what happened, without addresses or server text (e.g. {@code "connection lost"})
     * @return the refusal
     */
    public static Refusal byFailure(String recipient, int code, boolean temporary, String reason) {
        return new Refusal(recipient, code, null, temporary, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * The recipient was not sent to because a policy of the sender's side said so, before any
     * server was asked: the alias's {@code allowed-recipients}, or a {@code BeforeSend} observer's
     * veto. Permanent, with no reply code.
     *
     * @param recipient the recipient
     * @param reason    which policy, without addresses (e.g. {@code "not in allowed-recipients"})
     * @return the refusal
     * @throws IllegalArgumentException if the reason is blank
     */
    public static Refusal byPolicy(String recipient, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException(POLICY_REFUSAL_WITHOUT_REASON.message("a policy refusal needs a reason"));
        }
        return new Refusal(recipient, 0, null, false, reason, true);
    }

    /**
     * Whether the recipient was refused by a policy of the sender's side ({@link #byPolicy}), not
     * by a server or a failure on the way.
     *
     * @return {@code true} for a refusal by policy
     */
    public boolean policy() {
        return policy;
    }

    /**
     * The recipient.
     *
     * @return the address as it went into the envelope
     */
    public String recipient() {
        return recipient;
    }

    /**
     * The SMTP reply code, if the server gave one.
     *
     * @return the code (4xx or 5xx), or empty
     */
    public OptionalInt code() {
        return code == 0 ? OptionalInt.empty() : OptionalInt.of(code);
    }

    /**
     * The RFC 3463 enhanced status code the server gave with its reply ({@code 4.2.2}), if any.
     *
     * @return the enhanced code, or empty
     */
    public Optional<String> enhancedCode() {
        return Optional.ofNullable(enhancedCode);
    }

    /**
     * Whether the failure is temporary (4xx, a lost connection, a timeout), so that trying again
     * later may deliver; {@code false} for a permanent refusal (5xx).
     *
     * @return {@code true} if temporary
     */
    public boolean temporary() {
        return temporary;
    }

    /**
     * For a failure that was not a reply to this recipient, what happened, without addresses.
     *
     * @return the reason, or empty for a refusal by reply
     */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Refusal r && r.recipient.equals(recipient) && r.code == code
                && Objects.equals(r.enhancedCode, enhancedCode) && r.temporary == temporary
                && Objects.equals(r.reason, reason) && r.policy == policy;
    }

    @Override
    public int hashCode() {
        return Objects.hash(recipient, code, enhancedCode, temporary, reason, policy);
    }

    /** Never shows the recipient. */
    @Override
    public String toString() {
        return "Refusal[" + (policy ? "policy" : code == 0 ? "no reply" : code) + (enhancedCode == null ? "" : " " + enhancedCode)
                + (temporary ? ", temporary" : ", permanent") + (reason == null ? "" : ", " + reason) + "]";
    }
}

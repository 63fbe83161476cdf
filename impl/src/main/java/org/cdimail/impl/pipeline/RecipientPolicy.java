package org.cdimail.impl.pipeline;

import static org.cdimail.impl.ImplError.INVALID_DISALLOWED_RECIPIENTS;
import static org.cdimail.impl.ImplError.RECIPIENT_NOT_ALLOWED;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.cdimail.EmailMessage;
import org.cdimail.Refusal;
import org.cdimail.impl.config.InvalidSettingException;
import org.cdimail.impl.config.MailConfig;
import org.cdimail.impl.config.MailKey;

/**
 * An alias's recipient governance, for staging and test environments: {@code redirect-to} sends
 * every message to fixed addresses instead (the original recipients kept in {@code X-Original-*}
 * headers), then {@code allowed-recipients} drops every other recipient, reported as refused by
 * policy, or fails the send ({@code disallowed-recipients=fail}). Read and checked when the alias
 * is created, so that a wrong value fails the deployment. Immutable and thread-safe.
 */
public final class RecipientPolicy {

    /** The reason of a refusal by {@code allowed-recipients}. */
    static final String NOT_ALLOWED = "not in allowed-recipients";

    /** Governs nothing. */
    static final RecipientPolicy NONE = new RecipientPolicy(List.of(), null, false, "", "");

    private final List<String> redirectTo;
    private final RecipientPatterns allowed;
    private final boolean fail;
    private final String allowedKey;
    private final String failKey;

    private RecipientPolicy(List<String> redirectTo, RecipientPatterns allowed, boolean fail, String allowedKey,
            String failKey) {
        this.redirectTo = List.copyOf(redirectTo);
        this.allowed = allowed;
        this.fail = fail;
        this.allowedKey = allowedKey;
        this.failKey = failKey;
    }

    /** A message after governance, and the recipients it dropped. */
    record Governed(EmailMessage message, List<Refusal> refused) {
    }

    /**
     * Reads the governance keys of an alias.
     *
     * @param config the configuration
     * @param alias  the alias
     * @return its policy, {@link #active() inactive} when no key is set
     * @throws InvalidSettingException naming the key, if a value cannot be used
     */
    public static RecipientPolicy of(MailConfig config, String alias) {
        List<String> redirectTo = config.addresses(alias, MailKey.REDIRECT_TO);
        String allowedKey = config.source(alias, MailKey.ALLOWED_RECIPIENTS);
        RecipientPatterns allowed = config.lookup(alias, MailKey.ALLOWED_RECIPIENTS).filter(v -> !v.isBlank())
                .map(v -> RecipientPatterns.parse(allowedKey, v)).orElse(null);
        String failKey = config.source(alias, MailKey.DISALLOWED_RECIPIENTS);
        String mode = config.lookup(alias, MailKey.DISALLOWED_RECIPIENTS).map(v -> v.strip().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty()).orElse("refuse");
        if (!mode.equals("refuse") && !mode.equals("fail")) {
            throw new InvalidSettingException(failKey, INVALID_DISALLOWED_RECIPIENTS.message(failKey
                    + " must be refuse or fail"));
        }
        if (redirectTo.isEmpty() && allowed == null) {
            return NONE;
        }
        return new RecipientPolicy(redirectTo, allowed, mode.equals("fail"), allowedKey, failKey);
    }

    /** @return whether any governance applies */
    boolean active() {
        return !redirectTo.isEmpty() || allowed != null;
    }

    /** @return whether a recipient outside {@code allowed-recipients} fails the send */
    boolean failsOnDisallowed() {
        return fail;
    }

    /**
     * The message that failed {@code disallowed-recipients=fail}, for the exception and the receipt.
     *
     * @return the text, with its id, naming the keys
     */
    String notAllowedFailure() {
        return RECIPIENT_NOT_ALLOWED.message("a message has a recipient outside " + allowedKey + " and " + failKey
                + "=fail: nothing of it was sent");
    }

    /**
     * Redirects, then drops the recipients not allowed.
     *
     * @param message a message
     * @return the message to send (possibly without recipients) and the refusals by policy
     */
    Governed apply(EmailMessage message) {
        EmailMessage governed = redirectTo.isEmpty() || message.recipients().isEmpty() ? message : redirected(message);
        if (allowed == null) {
            return new Governed(governed, List.of());
        }
        List<Refusal> refused = new ArrayList<>();
        List<String> to = allowedOf(governed.to(), refused);
        List<String> cc = allowedOf(governed.cc(), refused);
        List<String> bcc = allowedOf(governed.bcc(), refused);
        if (refused.isEmpty()) {
            return new Governed(governed, List.of());
        }
        return new Governed(governed.toBuilder().to(to).cc(cc).bcc(bcc).build(), List.copyOf(refused));
    }

    private EmailMessage redirected(EmailMessage message) {
        // A displayed To or Cc given in headers() would still show the original recipients.
        EmailMessage.Builder builder = message.toBuilder().to(redirectTo).cc(List.of()).bcc(List.of())
                .removeHeader("To").removeHeader("Cc");
        original(builder, "X-Original-To", message.to());
        original(builder, "X-Original-Cc", message.cc());
        original(builder, "X-Original-Bcc", message.bcc());
        return builder.build();
    }

    private static void original(EmailMessage.Builder builder, String header, List<String> recipients) {
        if (!recipients.isEmpty()) {
            builder.header(header, String.join(", ", recipients));
        }
    }

    private List<String> allowedOf(List<String> recipients, List<Refusal> refused) {
        List<String> kept = new ArrayList<>(recipients.size());
        for (String recipient : recipients) {
            String address = address(recipient);
            if (allowed.allows(address)) {
                kept.add(recipient);
            } else {
                refused.add(Refusal.byPolicy(address, NOT_ALLOWED));
            }
        }
        return kept;
    }

    /**
     * The address without display name, as it goes into the envelope.
     *
     * @param recipient a recipient as given ({@code "Ada <ada@example.com>"})
     * @return {@code ada@example.com}, or the recipient stripped when it does not parse
     */
    static String address(String recipient) {
        try {
            return new InternetAddress(recipient, false).getAddress();
        } catch (AddressException e) {
            return recipient.strip();
        }
    }

    @Override
    public String toString() {
        return "RecipientPolicy[redirect=" + !redirectTo.isEmpty() + ", allowed=" + allowed + ", fail=" + fail + "]";
    }
}

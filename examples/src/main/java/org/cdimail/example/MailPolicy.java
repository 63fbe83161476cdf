package org.cdimail.example;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.cdimail.EmailMessage;
import org.cdimail.event.BeforeSend;

/**
 * The shop's mail policy, applied to every message before it is sent, whichever alias or path
 * it takes: nothing goes to {@value #BLOCKED_DOMAIN} (the message is vetoed: not sent, its
 * recipients refused by policy), and every other message is marked with
 * {@value #POLICY_HEADER}.
 */
@ApplicationScoped
public class MailPolicy {

    /** The domain the shop never mails. */
    public static final String BLOCKED_DOMAIN = "blocked.example";
    /** The header added to every message the policy let through. */
    public static final String POLICY_HEADER = "X-Example-Policy";

    void apply(@Observes BeforeSend event) {
        EmailMessage message = event.message();
        if (message.recipients().stream().anyMatch(MailPolicy::blocked)) {
            event.veto("the recipient's domain is blocked by the shop's mail policy");
        } else {
            event.replace(message.toBuilder().header(POLICY_HEADER, "checked").build());
        }
    }

    private static boolean blocked(String recipient) {
        String address = recipient.strip().toLowerCase(Locale.ROOT);
        if (address.endsWith(">")) {
            address = address.substring(address.lastIndexOf('<') + 1, address.length() - 1);
        }
        return address.endsWith("@" + BLOCKED_DOMAIN);
    }
}

package org.cdimail.impl.config;

import static org.cdimail.impl.ImplError.UNSAFE_PASS_THROUGH;

import java.util.List;
import java.util.Locale;

/**
 * The Jakarta Mail properties a pass-through may not set, because cdi-mail sets them itself from
 * its own keys and they are what makes a connection safe: TLS and its socket factories, trust
 * and host verification, timeouts, the server and the credentials. "Safe defaults always win"
 * holds because these are refused at deployment, naming the key, rather than silently overridden.
 */
final class SafePassThrough {

    /** Refused by prefix ({@code mail.smtp.} and {@code mail.smtps.} alike). */
    private static final List<String> REFUSED_PREFIXES = List.of("ssl.", "socketfactory", "starttls.",
            "executor.");
    /** Refused exactly, each with the cdi-mail key to use instead. */
    private static final List<String[]> REFUSED = List.of(
            new String[] { "timeout", "timeout" },
            new String[] { "connectiontimeout", "timeout" },
            new String[] { "writetimeout", "timeout" },
            new String[] { "host", "host" },
            new String[] { "port", "port" },
            new String[] { "auth", "username" },
            new String[] { "user", "username" },
            new String[] { "from", "a message's from" },
            new String[] { "sendpartial", null });

    private SafePassThrough() {
    }

    /**
     * @param jakartaMailKey the session property, such as {@code mail.smtp.ssl.trust}
     * @param configKey      the configuration key that set it, for the message
     * @throws InvalidSettingException naming the configuration key, if the property is refused
     */
    static void check(String jakartaMailKey, String configKey) {
        String lower = jakartaMailKey.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("mail.smtp.")) {
            rest = lower.substring("mail.smtp.".length());
        } else if (lower.startsWith("mail.smtps.")) {
            rest = lower.substring("mail.smtps.".length());
        } else {
            return;
        }
        for (String prefix : REFUSED_PREFIXES) {
            if (rest.startsWith(prefix)) {
                throw refused(configKey, "TLS and certificate verification come from mail.use-tls, mail.use-ssl and"
                        + " the mail.ssl-* keys");
            }
        }
        for (String[] refused : REFUSED) {
            if (rest.equals(refused[0])) {
                throw refused(configKey, refused[1] == null ? "cdi-mail always delivers to the recipients accepted"
                        : "use mail." + refused[1] + " instead");
            }
        }
    }

    private static InvalidSettingException refused(String key, String why) {
        return new InvalidSettingException(key, UNSAFE_PASS_THROUGH.message(key + " would override a safe default of"
                + " cdi-mail and is refused; " + why));
    }
}

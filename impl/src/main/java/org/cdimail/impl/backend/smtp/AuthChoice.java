package org.cdimail.impl.backend.smtp;

import static org.cdimail.impl.ImplError.NO_ACCESS_TOKEN;
import static org.cdimail.impl.ImplError.NO_ACCESS_TOKEN_PROVIDER;
import static org.cdimail.impl.ImplError.UNKNOWN_AUTH_MECHANISM;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import jakarta.mail.MessagingException;

import org.cdimail.impl.config.InvalidSettingException;
import org.cdimail.impl.config.MailKey;
import org.cdimail.spi.AccessTokenProvider;

/**
 * An alias's {@code auth-mechanism} and {@link AccessTokenProvider}, checked once when the alias is
 * resolved; gives each connection its {@link SmtpLogin}. Tokens are checked to be printable ASCII
 * (they go base64-encoded on the wire) and never appear in a message.
 */
final class AuthChoice {

    private final String alias;
    private final String mechanism;
    private final AccessTokenProvider provider;

    private AuthChoice(String alias, String mechanism, AccessTokenProvider provider) {
        this.alias = alias;
        this.mechanism = mechanism;
        this.provider = provider;
    }

    /**
     * Checks the alias's choice.
     *
     * @param configured the value of {@code auth-mechanism}, if set
     * @param provider   the alias's token provider bean, if any
     * @param ownClient  whether cdi-mail's own client speaks SMTP (Jakarta Mail's reads neither)
     * @throws InvalidSettingException naming {@code auth-mechanism}, if the value is unknown, names
     *                                 an OAuth mechanism without a provider, or is set for Jakarta
     *                                 Mail's transport
     */
    static AuthChoice of(String alias, Function<MailKey, String> keyName, Optional<String> configured,
            Optional<AccessTokenProvider> provider, boolean ownClient) {
        String key = keyName.apply(MailKey.AUTH_MECHANISM);
        String mechanism = configured.map(v -> v.strip().toLowerCase(Locale.ROOT))
                .orElse(MailKey.AUTH_MECHANISM.defaultValue().orElseThrow());
        if (!SmtpLogin.MECHANISMS.contains(mechanism)) {
            throw new InvalidSettingException(key, UNKNOWN_AUTH_MECHANISM.message(key
                    + " must be auto, plain, login, xoauth2 or oauthbearer"));
        }
        if (!ownClient && !mechanism.equals("auto")) {
            throw new InvalidSettingException(key, UNKNOWN_AUTH_MECHANISM.message(key
                    + " is read by cdi-mail's own SMTP client only, not with Jakarta Mail's transport"
                    + " (transport=jakarta-mail or session-jndi)"));
        }
        boolean oauth = mechanism.equals("xoauth2") || mechanism.equals("oauthbearer");
        if (oauth && provider.isEmpty()) {
            throw new InvalidSettingException(key, NO_ACCESS_TOKEN_PROVIDER.message(key + " is " + mechanism
                    + " but alias '" + alias + "' has no org.cdimail.spi.AccessTokenProvider bean qualified"
                    + " @Backend(\"" + alias + "\")"));
        }
        boolean usesTokens = ownClient && (oauth || mechanism.equals("auto"));
        return new AuthChoice(alias, mechanism, usesTokens ? provider.orElse(null) : null);
    }

    /**
     * The login of one connection.
     *
     * @param user         the user name, or {@code null} for no {@code AUTH}
     * @param password     the password
     * @param ownPassword  whether the call gave its own credentials, which then log in with a password
     */
    SmtpLogin login(String user, String password, boolean ownPassword) {
        if (user == null) {
            return SmtpLogin.NONE;
        }
        if (provider == null || ownPassword) {
            return new SmtpLogin(user, password, provider == null ? mechanism : "auto", null);
        }
        return new SmtpLogin(user, password, mechanism, refresh -> token(user, refresh));
    }

    private String token(String user, boolean refresh) throws MessagingException {
        String token = provider.accessToken(alias, user, refresh);
        if (token == null || token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new MessagingException(NO_ACCESS_TOKEN.message("the AccessTokenProvider of alias '" + alias
                    + "' returned no token, or one that is not printable ASCII"));
        }
        return token;
    }
}

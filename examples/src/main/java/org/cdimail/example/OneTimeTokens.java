package org.cdimail.example;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tokens mailed in activation and reset links, each redeemable once. An in-memory map keeps the
 * example short; a real application stores them with an expiry.
 */
@ApplicationScoped
public class OneTimeTokens {

    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> accountByToken = new ConcurrentHashMap<>();

    /**
     * A new token for an account.
     *
     * @param purpose what the token may be used for, e.g. {@code "activation"}
     * @param account the account it belongs to
     * @return the token, safe to put in a URL
     */
    public String issue(String purpose, String account) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        accountByToken.put(purpose + ":" + token, account);
        return token;
    }

    /**
     * Redeems a token: it is valid at most once.
     *
     * @param purpose the purpose it was issued for
     * @param token   the token from the link
     * @return the account, if the token was issued for this purpose and not yet redeemed
     */
    public Optional<String> redeem(String purpose, String token) {
        return Optional.ofNullable(accountByToken.remove(purpose + ":" + token));
    }
}

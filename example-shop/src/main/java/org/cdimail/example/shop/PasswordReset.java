package org.cdimail.example.shop;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdimail.Mailer;
import org.cdimail.inject.Backend;

/**
 * Mails a password-reset link through the {@code transactional} alias, which has its own sender
 * and relay (Django's {@code send_mail(..., using="transactional")}).
 */
@ApplicationScoped
public class PasswordReset {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @Backend("transactional")
    Mailer mailer;

    /**
     * Mails a reset link with a new token.
     *
     * @param email the customer's address
     * @return the token in the link, for the shop to check when the link is opened
     */
    public String requestReset(String email) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        mailer.sendMail("Reset your password",
                "Open this link to choose a new password:\nhttps://shop.example.com/reset?token=" + token + "\n",
                null, List.of(email));
        return token;
    }
}

package org.cdimail.impl.backend.smtp;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.MessagingException;

/**
 * Who logs in and how: the user, the password or the source of OAuth 2.0 access tokens, and the
 * configured mechanism ({@code auth-mechanism}). {@code toString} never shows a secret.
 *
 * @param user      the user name, or {@code null} for no {@code AUTH}
 * @param password  the password, for {@code PLAIN} and {@code LOGIN}
 * @param mechanism {@code auto}, {@code plain}, {@code login}, {@code xoauth2} or {@code oauthbearer}
 * @param tokens    the access tokens, or {@code null} when the alias has no token provider
 */
record SmtpLogin(String user, String password, String mechanism, Tokens tokens) {

    /** The values of {@code auth-mechanism}. */
    static final Set<String> MECHANISMS = Set.of("auto", "plain", "login", "xoauth2", "oauthbearer");

    /** No {@code AUTH}. */
    static final SmtpLogin NONE = new SmtpLogin(null, null, "auto", null);

    /** Gives the access token for the login. */
    @FunctionalInterface
    interface Tokens {
        /**
         * The token to log in with.
         *
         * @param refresh whether the server has just refused the last token
         * @throws MessagingException if there is no usable token
         */
        String token(boolean refresh) throws MessagingException;
    }

    /** A password login with {@code PLAIN} or else {@code LOGIN}, or none when {@code user} is null. */
    static SmtpLogin password(String user, String password) {
        return new SmtpLogin(user, password == null ? "" : password, "auto", null);
    }

    /**
     * The mechanisms acceptable for this login, most preferred first, in upper case as servers
     * name them: for {@code auto}, the OAuth ones when there are tokens, else {@code PLAIN} and
     * {@code LOGIN}.
     */
    List<String> acceptable() {
        if (!mechanism.equals("auto")) {
            return List.of(mechanism.toUpperCase(Locale.ROOT));
        }
        return tokens != null ? List.of("OAUTHBEARER", "XOAUTH2") : List.of("PLAIN", "LOGIN");
    }

    @Override
    public String toString() {
        return "SmtpLogin[" + (user == null ? "none" : mechanism) + "]";
    }
}

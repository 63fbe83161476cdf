package org.cdimail.spi;

/**
 * Gives the OAuth 2.0 access tokens with which the {@code smtp} backend logs in with
 * {@code XOAUTH2} or {@code OAUTHBEARER} (RFC 7628), as Gmail and Microsoft 365 require.
 *
 * <p>An application provides one as a CDI bean qualified with {@code @Backend("alias")} for the
 * alias whose server it logs in to; for the {@code default} alias, {@code @Backend("default")} or
 * no qualifier at all. When such a bean exists, the alias's {@code mail.<alias>.username} is the
 * account the tokens are for, and {@code mail.<alias>.auth-mechanism=auto} (the default) chooses
 * {@code OAUTHBEARER} or else {@code XOAUTH2}, whichever the server offers.
 *
 * <p>Obtaining and caching tokens (a client-credentials or refresh-token grant) is the
 * application's job. cdi-mail calls this method once per login, possibly from several threads at
 * once; when the server refuses the token, it calls it again once with {@code refresh} set, and
 * logs in again with the token it returns. Tokens are never logged nor put in exception messages.
 */
@FunctionalInterface
public interface AccessTokenProvider {

    /**
     * An access token for {@code user} on the server of {@code alias}.
     *
     * @param alias   the alias that is logging in, such as {@code default}
     * @param user    the account, {@code mail.<alias>.username}
     * @param refresh {@code true} when the server has just refused the token last given, which
     *                must then not be given again: the provider should obtain a new one
     * @return the bearer token, without the {@code Bearer } prefix; printable ASCII, never
     *         {@code null} or empty
     */
    String accessToken(String alias, String user, boolean refresh);
}

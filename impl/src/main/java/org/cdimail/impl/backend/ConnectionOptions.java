package org.cdimail.impl.backend;

import java.util.Optional;

import org.cdimail.SendOptions;

/**
 * What a new connection is created with, beyond its alias's settings: Django's
 * {@code get_connection(fail_silently=…, username=…, password=…)}.
 *
 * @param failSilently swallow delivery failures (never header or address errors)
 * @param username     an SMTP user name overriding {@code mail.username}
 * @param password     an SMTP password overriding {@code mail.password}
 */
public record ConnectionOptions(boolean failSilently, Optional<String> username, Optional<String> password) {

    /** Raise on failure, configured credentials. */
    public static final ConnectionOptions DEFAULTS = new ConnectionOptions(false, Optional.empty(), Optional.empty());

    /**
     * The connection-related part of {@code options}.
     *
     * @param options the options of a facade call
     * @return the connection options
     */
    public static ConnectionOptions of(SendOptions options) {
        return new ConnectionOptions(options.failSilently(), options.authUser(), options.authPassword());
    }

    /** Never shows the password or the user name. */
    @Override
    public String toString() {
        return "ConnectionOptions[failSilently=" + failSilently + ", credentials="
                + (username.isPresent() || password.isPresent() ? "given" : "configured") + "]";
    }
}

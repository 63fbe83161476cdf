package org.cdimail;

import java.util.Optional;

import org.cdimail.spi.EmailBackend;

/**
 * The optional parameters of Django's {@code send_mail}, {@code send_mass_mail},
 * {@code mail_admins} and {@code mail_managers}: {@code fail_silently}, {@code auth_user},
 * {@code auth_password}, {@code connection} and {@code html_message}.
 *
 * <pre>{@code
 * mailer.sendMail("Hi", "Text", null, List.of("ada@example.com"),
 *         SendOptions.builder().htmlMessage("<p>Text</p>").failSilently(true).build());
 * }</pre>
 *
 * <p>Immutable. {@link #toString()} never shows the password.
 */
public final class SendOptions {

    private static final SendOptions DEFAULTS = builder().build();

    private final boolean failSilently;
    private final String authUser;
    private final String authPassword;
    private final EmailBackend connection;
    private final String htmlMessage;

    private SendOptions(Builder b) {
        this.failSilently = b.failSilently;
        this.authUser = b.authUser;
        this.authPassword = b.authPassword;
        this.connection = b.connection;
        this.htmlMessage = b.htmlMessage;
    }

    /**
     * No options: raise on failure, configured credentials, a new connection, no HTML.
     *
     * @return the default options
     */
    public static SendOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A new builder.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether delivery failures are swallowed (the call then returns 0). Header injection is never
     * swallowed.
     *
     * @return {@code true} to fail silently
     */
    public boolean failSilently() {
        return failSilently;
    }

    /**
     * A user name for SMTP AUTH that overrides the configured one, for the new connection.
     *
     * @return the user name, if set
     */
    public Optional<String> authUser() {
        return Optional.ofNullable(authUser);
    }

    /**
     * A password for SMTP AUTH that overrides the configured one, for the new connection.
     *
     * @return the password, if set
     */
    public Optional<String> authPassword() {
        return Optional.ofNullable(authPassword);
    }

    /**
     * An existing connection to send through instead of a new one. When set, fail-silently and
     * the credentials of these options are ignored: the connection has its own.
     *
     * @return the connection, if set
     */
    public Optional<EmailBackend> connection() {
        return Optional.ofNullable(connection);
    }

    /**
     * An HTML version of the message, sent as a {@code text/html} alternative.
     *
     * @return the HTML, if set
     */
    public Optional<String> htmlMessage() {
        return Optional.ofNullable(htmlMessage);
    }

    @Override
    public String toString() {
        return "SendOptions[failSilently=" + failSilently + ", authUser=" + (authUser != null ? "set" : "unset")
                + ", authPassword=" + (authPassword != null ? "****" : "unset") + ", connection="
                + (connection != null ? "given" : "new") + ", html=" + (htmlMessage != null) + "]";
    }

    /** Builds {@link SendOptions}. */
    public static final class Builder {
        private boolean failSilently;
        private String authUser;
        private String authPassword;
        private EmailBackend connection;
        private String htmlMessage;

        private Builder() {
        }

        /**
         * Swallow delivery failures.
         *
         * @param failSilently {@code true} to fail silently
         * @return this builder
         */
        public Builder failSilently(boolean failSilently) {
            this.failSilently = failSilently;
            return this;
        }

        /**
         * The SMTP user name for this send.
         *
         * @param authUser the user name
         * @return this builder
         */
        public Builder authUser(String authUser) {
            this.authUser = authUser;
            return this;
        }

        /**
         * The SMTP password for this send.
         *
         * @param authPassword the password
         * @return this builder
         */
        public Builder authPassword(String authPassword) {
            this.authPassword = authPassword;
            return this;
        }

        /**
         * Send through this connection.
         *
         * @param connection the connection
         * @return this builder
         */
        public Builder connection(EmailBackend connection) {
            this.connection = connection;
            return this;
        }

        /**
         * Add this HTML as a {@code text/html} alternative.
         *
         * @param htmlMessage the HTML
         * @return this builder
         */
        public Builder htmlMessage(String htmlMessage) {
            this.htmlMessage = htmlMessage;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public SendOptions build() {
            return new SendOptions(this);
        }
    }
}

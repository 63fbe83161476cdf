package org.cdimail.cli;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import javax.net.ssl.SSLException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;

import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Opens and closes one SMTP connection with an alias's settings and reports what the server
 * offered, or exactly why it could not be done.
 */
final class SmtpProbe {

    /** The extensions worth knowing about before sending. */
    static final List<String> EXTENSIONS = List.of("STARTTLS", "AUTH", "SIZE", "8BITMIME", "SMTPUTF8", "PIPELINING");

    private final SmtpSettings settings;

    SmtpProbe(SmtpSettings settings) {
        this.settings = settings;
    }

    /**
     * Connects (with STARTTLS, TLS and AUTH as configured), reads the EHLO reply, and closes.
     *
     * @return the report lines
     * @throws CliException with exit code 1 and the reason when the connection fails
     */
    List<String> probe() {
        String protocol = settings.useSsl() ? "smtps" : "smtp";
        Session session = Session.getInstance(sessionProperties(protocol));
        long started = System.nanoTime();
        try (SMTPTransport transport = (SMTPTransport) session.getTransport(protocol)) {
            transport.connect(settings.host(), settings.port(), settings.username().orElse(null),
                    settings.password().orElse(null));
            long millis = (System.nanoTime() - started) / 1_000_000;
            List<String> lines = new ArrayList<>();
            lines.add("Connected to " + settings.host() + ":" + settings.port() + " in " + millis + " ms, "
                    + (settings.useSsl() ? "implicit TLS" : settings.useTls() ? "STARTTLS" : "not encrypted") + ".");
            for (String extension : EXTENSIONS) {
                lines.add(String.format(Locale.ROOT, "  %-11s %s", extension, describe(transport, extension)));
            }
            lines.add("  Login      " + settings.username().map(u -> "accepted for the configured user (" + settings.key("username") + ")")
                    .orElse("not attempted (" + settings.key("username") + " not set)"));
            return lines;
        } catch (MessagingException e) {
            throw new CliException(ExitCodes.SOME_FAILED, "CDIMAIL-00420: check: " + reason(e), e);
        }
    }

    private String describe(SMTPTransport transport, String extension) {
        if (extension.equals("STARTTLS") && settings.useTls()) {
            return "in use (" + settings.key("use-tls") + ")";
        }
        if (!transport.supportsExtension(extension)) {
            return "not offered";
        }
        String parameter = transport.getExtensionParameter(extension);
        return parameter == null || parameter.isBlank() ? "offered" : "offered: " + parameter.strip();
    }

    private Properties sessionProperties(String protocol) {
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        String timeout = Long.toString(settings.timeout().toMillis());
        p.setProperty(prefix + "host", settings.host());
        p.setProperty(prefix + "port", Integer.toString(settings.port()));
        p.setProperty(prefix + "connectiontimeout", timeout);
        p.setProperty(prefix + "timeout", timeout);
        p.setProperty(prefix + "writetimeout", timeout);
        p.setProperty(prefix + "ssl.checkserveridentity", "true");
        if (settings.useTls()) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        if (settings.username().isPresent()) {
            p.setProperty(prefix + "auth", "true");
        }
        return p;
    }

    /** The precise reason, naming the setting to look at; never an address or a password. */
    private String reason(MessagingException failure) {
        String where = settings.host() + ":" + settings.port();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "cannot resolve host " + settings.host() + " (" + settings.key("host") + ")";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return "cannot connect to " + where + ": " + Errors.describe(t) + " (" + settings.key("host") + ", "
                        + settings.key("port") + ")";
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer from " + where + " within " + settings.timeout().toMillis() + " ms ("
                        + settings.key("timeout") + ")";
            }
            if (t instanceof SSLException) {
                return "TLS with " + where + " failed: " + Errors.describe(t);
            }
            if (t instanceof AuthenticationFailedException) {
                return "the server refused the login of " + settings.key("username") + ": " + Errors.describe(t);
            }
        }
        String message = Errors.oneLine(failure);
        if (message.contains("STARTTLS is required")) {
            return where + " does not offer STARTTLS, which " + settings.key("use-tls") + " requires";
        }
        return where + ": " + message;
    }

    /** The SMTP settings of one alias. */
    record SmtpSettings(AliasSettings alias, String host, int port, boolean useTls, boolean useSsl,
            java.util.Optional<String> username, java.util.Optional<String> password, Duration timeout) {

        /** Passwords never appear in output. */
        @Override
        public String toString() {
            return "SmtpSettings[" + alias.alias() + ", " + host + ":" + port + "]";
        }

        String key(String key) {
            return alias.key(key);
        }

        static SmtpSettings of(AliasSettings alias) {
            boolean tls = flag(alias, "use-tls");
            boolean ssl = flag(alias, "use-ssl");
            if (tls && ssl) {
                throw CliException.usage("CDIMAIL-00421: " + alias.key("use-tls") + " and " + alias.key("use-ssl")
                        + " are both true; choose one");
            }
            return new SmtpSettings(alias,
                    alias.value("host").orElse("localhost"),
                    number(alias, "port", 25),
                    tls, ssl,
                    alias.value("username").filter(u -> !u.isEmpty()),
                    alias.value("password").filter(p -> !p.isEmpty()),
                    timeout(alias));
        }

        private static boolean flag(AliasSettings alias, String key) {
            String value = alias.value(key).orElse("false").strip().toLowerCase(Locale.ROOT);
            return switch (value) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0", "" -> false;
                default -> throw CliException.usage("CDIMAIL-00422: " + alias.key(key) + " must be true or false");
            };
        }

        private static int number(AliasSettings alias, String key, int fallback) {
            try {
                return alias.value(key).map(String::strip).map(Integer::parseInt).orElse(fallback);
            } catch (NumberFormatException e) {
                throw CliException.usage("CDIMAIL-00422: " + alias.key(key) + " must be a number");
            }
        }

        /** Seconds ({@code 10}), an ISO-8601 duration ({@code PT10S}) or {@code 10s} / {@code 500ms}. */
        private static Duration timeout(AliasSettings alias) {
            String value = alias.value("timeout").map(String::strip).orElse("10s").toLowerCase(Locale.ROOT);
            try {
                if (value.matches("\\d+")) {
                    return Duration.ofSeconds(Long.parseLong(value));
                }
                if (value.matches("\\d+ms")) {
                    return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
                }
                if (value.matches("\\d+[smh]")) {
                    return Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
                }
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw CliException.usage("CDIMAIL-00422: " + alias.key("timeout") + " must be a duration such as 10s or PT10S");
            }
        }
    }
}

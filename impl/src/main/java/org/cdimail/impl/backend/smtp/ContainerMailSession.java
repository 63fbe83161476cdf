package org.cdimail.impl.backend.smtp;

import static org.cdimail.impl.ImplError.CREDENTIALS_REFUSED;
import static org.cdimail.impl.ImplError.NOT_A_MAIL_SESSION;
import static org.cdimail.impl.ImplError.NO_JNDI_SESSION;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.mail.Authenticator;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;

import org.cdimail.MailException;
import org.cdimail.impl.backend.ConnectionOptions;
import org.cdimail.impl.config.InvalidSettingException;

/**
 * A Jakarta Mail {@link Session} the application server provides in JNDI
 * ({@code mail.<alias>.session-jndi}): WildFly's mail subsystem, a Payara JavaMail resource, or
 * {@code @MailSessionDefinition}. The server's session decides host, port, TLS and credentials;
 * the alias's own SMTP keys are not used.
 *
 * <p>The server's session is shared by the whole server, so it is never changed: each connection
 * gets a private session with a copy of its properties (the envelope sender is set there) whose
 * password requests go to the server's session.
 */
final class ContainerMailSession {

    private final String jndiName;
    private final Session shared;

    private ContainerMailSession(String jndiName, Session shared) {
        this.jndiName = jndiName;
        this.shared = shared;
    }

    /**
     * Looks the session up when {@code jndiName} is set.
     *
     * @param jndiName the configured JNDI name, if any
     * @param key      the key that holds it, for messages
     * @return the session, or empty when the alias configures SMTP itself
     * @throws InvalidSettingException naming {@code key} if nothing usable is bound there
     */
    static Optional<ContainerMailSession> lookup(Optional<String> jndiName, String key) {
        Optional<String> name = jndiName.map(String::strip).filter(s -> !s.isEmpty());
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Object bound;
        try {
            InitialContext context = new InitialContext();
            try {
                bound = context.lookup(name.get());
            } finally {
                context.close();
            }
        } catch (NamingException e) {
            throw new InvalidSettingException(key, NO_JNDI_SESSION.message(key + " names no mail session in JNDI: "
                    + name.get() + " (" + e.getClass().getSimpleName() + ")"));
        }
        if (!(bound instanceof Session session)) {
            throw new InvalidSettingException(key, NOT_A_MAIL_SESSION.message(key + " names a JNDI entry that is not a "
                    + "jakarta.mail.Session: " + name.get() + " is a "
                    + (bound == null ? "null" : bound.getClass().getName())));
        }
        return Optional.of(new ContainerMailSession(name.get(), session));
    }

    /** As {@link #newSession(Duration)} with no timeout of cdi-mail's own. */
    Session newSession() {
        return newSession(null);
    }

    /**
     * A private session for one connection, configured as the server's session. Where the server
     * left a timeout unset (Jakarta Mail then waits forever) {@code timeout} fills it in, and
     * refused recipients do not stop the others ({@code sendpartial}) unless the server says
     * otherwise, as with the alias's own SMTP settings.
     *
     * @param timeout the alias's {@code mail.timeout}, or {@code null} to copy the server's session as is
     */
    Session newSession(Duration timeout) {
        Properties properties = new Properties();
        Properties source = shared.getProperties();
        properties.putAll(source);
        for (String name : source.stringPropertyNames()) {
            properties.setProperty(name, source.getProperty(name)); // values from defaults, too
        }
        if (timeout != null) {
            String millis = Long.toString(timeout.toMillis());
            for (String protocol : List.of("smtp", "smtps")) {
                for (String name : List.of("connectiontimeout", "timeout", "writetimeout")) {
                    properties.putIfAbsent("mail." + protocol + "." + name, millis);
                }
                properties.putIfAbsent("mail." + protocol + ".sendpartial", "true");
            }
        }
        return Session.getInstance(properties, new AskTheServersSession(shared));
    }

    /**
     * Connects with the server's settings and credentials, or with the user name and password of
     * {@code options} when given.
     */
    Transport connect(Session session, ConnectionOptions options, String alias) {
        Transport transport = null;
        try {
            transport = session.getTransport("smtp");
            if (options.username().isPresent()) {
                session.getProperties().setProperty("mail.smtp.auth", "true");
                transport.connect(options.username().get(), options.password().orElse(""));
            } else {
                transport.connect();
            }
            return transport;
        } catch (AuthenticationFailedException e) {
            SmtpConnector.closeQuietly(transport);
            throw new MailException(CREDENTIALS_REFUSED.message("the SMTP server of alias '" + alias
                    + "' refused the credentials"));
        } catch (MessagingException e) {
            SmtpConnector.closeQuietly(transport);
            throw SmtpFailures.connectFailed(alias, e);
        }
    }

    @Override
    public String toString() {
        return "ContainerMailSession[" + jndiName + "]";
    }

    /** Passes password requests to the server's session, which holds the configured credentials. */
    private static final class AskTheServersSession extends Authenticator {

        private final Session shared;

        AskTheServersSession(Session shared) {
            this.shared = shared;
        }

        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
            return shared.requestPasswordAuthentication(getRequestingSite(), getRequestingPort(),
                    getRequestingProtocol(), getRequestingPrompt(), getDefaultUserName());
        }
    }
}

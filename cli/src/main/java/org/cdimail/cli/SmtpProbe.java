package org.cdimail.cli;

import static org.cdimail.cli.CliError.CERTIFICATES_UNREADABLE;
import static org.cdimail.cli.CliError.CHECK_FAILED;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;

import org.cdimail.impl.config.AliasSettings;
import org.cdimail.impl.config.MailKey;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Opens one SMTP connection with an alias's server settings, reads what the server offers after
 * EHLO (and after STARTTLS when {@code use-tls} is on), and closes it; or says exactly why that
 * failed. It never logs in: credentials are only ever sent by the library's own connection,
 * under the library's rules.
 */
final class SmtpProbe {

    /** The extensions worth knowing about before sending. */
    static final List<String> EXTENSIONS = List.of("STARTTLS", "AUTH", "SIZE", "8BITMIME", "SMTPUTF8", "PIPELINING");

    private final AliasSettings settings;
    private final AliasView alias;

    SmtpProbe(AliasSettings settings, AliasView alias) {
        this.settings = settings;
        this.alias = alias;
    }

    /**
     * Connects, reads the EHLO reply, and closes.
     *
     * @return the report lines
     * @throws CliException with exit code 1 and the reason when the connection fails
     */
    List<String> probe() {
        Session session = Session.getInstance(sessionProperties());
        long started = System.nanoTime();
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect(settings.host(), settings.port(), null, null);
            long millis = (System.nanoTime() - started) / 1_000_000;
            List<String> lines = new ArrayList<>();
            lines.add("Connected to " + settings.host() + ":" + settings.port() + " in " + millis + " ms, "
                    + (settings.useSsl() ? "implicit TLS" : settings.useTls() ? "STARTTLS" : "not encrypted") + ".");
            for (String extension : EXTENSIONS) {
                lines.add(String.format(Locale.ROOT, "  %-11s%s", extension, describe(transport, extension)));
            }
            return lines;
        } catch (MessagingException e) {
            throw new CliException(ExitCodes.SOME_FAILED, CHECK_FAILED.message("check: " + reason(e)), e);
        }
    }

    private String describe(SMTPTransport transport, String extension) {
        if (extension.equals("STARTTLS") && settings.useTls()) {
            return "in use (" + alias.key(MailKey.USE_TLS) + ")";
        }
        if (!transport.supportsExtension(extension)) {
            return "not offered";
        }
        String parameter = transport.getExtensionParameter(extension);
        return parameter == null || parameter.isBlank() ? "offered" : "offered: " + parameter.strip();
    }

    /** As the smtp backend builds its session: pass-through properties first, then the safe settings. */
    private Properties sessionProperties() {
        Properties p = new Properties();
        p.putAll(settings.smtpProperties());
        String timeout = Long.toString(settings.timeout().toMillis());
        p.setProperty("mail.smtp.host", settings.host());
        p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
        p.setProperty("mail.smtp.connectiontimeout", timeout);
        p.setProperty("mail.smtp.timeout", timeout);
        p.setProperty("mail.smtp.writetimeout", timeout);
        p.setProperty("mail.smtp.auth", "false");
        boolean encrypted = settings.useTls() || settings.useSsl();
        p.setProperty("mail.smtp.ssl.enable", Boolean.toString(settings.useSsl()));
        p.setProperty("mail.smtp.starttls.enable", Boolean.toString(settings.useTls()));
        p.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.useTls()));
        if (encrypted) {
            p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            settings.sslTrustCertfile().ifPresent(file -> p.put("mail.smtp.ssl.socketFactory", trusting(file)));
        }
        return p;
    }

    /** TLS that trusts exactly the certificates of {@code mail.ssl-trust-certfile}, as the backend does. */
    private SSLSocketFactory trusting(Path file) {
        String key = alias.key(MailKey.SSL_TRUST_CERTFILE);
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("trusted-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new CliException(ExitCodes.USAGE, CERTIFICATES_UNREADABLE.message(key
                    + ": cannot read the certificates: " + Errors.describe(e)), e);
        }
    }

    /** The precise reason, naming the setting to look at; never an address or a password. */
    private String reason(MessagingException failure) {
        String where = settings.host() + ":" + settings.port();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "cannot resolve host " + settings.host() + " (" + alias.key(MailKey.HOST) + ")";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return "cannot connect to " + where + ": " + Errors.describe(t) + " (" + alias.key(MailKey.HOST) + ", "
                        + alias.key(MailKey.PORT) + ")";
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer from " + where + " within " + settings.timeout().toMillis() + " ms ("
                        + alias.key(MailKey.TIMEOUT) + ")";
            }
            if (t instanceof SSLException) {
                return "TLS with " + where + " failed: " + Errors.describe(t);
            }
        }
        String message = Errors.oneLine(failure);
        if (message.contains("STARTTLS is required")) {
            return where + " does not offer STARTTLS, which " + alias.key(MailKey.USE_TLS) + " requires";
        }
        return where + ": " + message;
    }
}

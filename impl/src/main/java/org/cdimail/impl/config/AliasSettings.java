package org.cdimail.impl.config;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The typed settings of one alias, read by {@link MailConfig#settings(String)}. Immutable;
 * {@link #toString()} never shows the password.
 *
 * @param alias              the alias
 * @param host               {@code mail.host}
 * @param port               {@code mail.port}
 * @param username           {@code mail.username}
 * @param password           {@code mail.password}
 * @param useTls             {@code mail.use-tls}
 * @param useSsl             {@code mail.use-ssl}
 * @param sslCertfile        {@code mail.ssl-certfile}
 * @param sslKeyfile         {@code mail.ssl-keyfile}
 * @param sslTrustCertfile   {@code mail.ssl-trust-certfile}
 * @param allowPlaintextAuth {@code mail.allow-plaintext-auth}
 * @param timeout            {@code mail.timeout}
 * @param filePath           {@code mail.file-path}
 * @param consoleStream      {@code mail.console-stream}: {@code stdout} or {@code stderr}
 * @param defaultFrom        {@code mail.default-from}
 * @param serverEmail        {@code mail.server-email}
 * @param subjectPrefix      {@code mail.subject-prefix}
 * @param admins             {@code mail.admins}
 * @param managers           {@code mail.managers}
 * @param defaultCharset     {@code mail.default-charset}
 * @param useLocaltime       {@code mail.use-localtime}
 * @param pool               {@code mail.pool.*}: the SMTP connection pool
 * @param smtpProperties     the {@code mail.<alias>.jakarta-mail.*} / {@code mail.jakarta-mail.*}
 *                           pass-through Jakarta Mail properties, keyed as Jakarta Mail reads them
 *                           ({@code mail.smtp.*})
 * @param transport          {@code mail.transport}: {@code cdi-mail} or {@code jakarta-mail}
 */
public record AliasSettings(String alias, String host, int port, Optional<String> username, Optional<String> password,
        boolean useTls, boolean useSsl, Optional<Path> sslCertfile, Optional<Path> sslKeyfile,
        Optional<Path> sslTrustCertfile, boolean allowPlaintextAuth, Duration timeout, Optional<Path> filePath,
        String consoleStream, String defaultFrom, String serverEmail, String subjectPrefix, List<String> admins,
        List<String> managers, Charset defaultCharset, boolean useLocaltime, PoolSettings pool,
        Map<String, String> smtpProperties, String transport) {

    /** Copies the collections. */
    public AliasSettings {
        admins = List.copyOf(admins);
        managers = List.copyOf(managers);
        smtpProperties = Map.copyOf(smtpProperties);
    }

    /** Names the alias, server and switches; never the user name's value or the password. */
    @Override
    public String toString() {
        return "AliasSettings[alias=" + alias + ", host=" + host + ", port=" + port + ", auth="
                + (username.isPresent() ? "configured" : "none") + ", useTls=" + useTls + ", useSsl=" + useSsl
                + ", timeout=" + timeout + ", " + pool + "]";
    }
}

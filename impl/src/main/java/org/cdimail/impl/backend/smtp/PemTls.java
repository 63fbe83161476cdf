package org.cdimail.impl.backend.smtp;

import static org.cdimail.impl.ImplError.KEYFILE_WITHOUT_CERTFILE;
import static org.cdimail.impl.ImplError.NO_PEM_CERTIFICATE;
import static org.cdimail.impl.ImplError.NO_PEM_PRIVATE_KEY;
import static org.cdimail.impl.ImplError.NO_TLS_CONTEXT;
import static org.cdimail.impl.ImplError.PEM_FILE_UNREADABLE;
import static org.cdimail.impl.ImplError.TRUSTS_ONLY_CERTFILE;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.cdimail.impl.config.AliasSettings;
import org.cdimail.impl.config.InvalidSettingException;
import org.cdimail.impl.config.MailKey;

/**
 * Builds the TLS socket factory of an SMTP alias from PEM files: an optional client certificate
 * ({@code ssl-certfile}, {@code ssl-keyfile}: PKCS#8 private key) and an optional set of trusted
 * certificates ({@code ssl-trust-certfile}) that replaces the JVM's trust store. Host names are
 * always verified.
 */
final class PemTls {

    private static final System.Logger LOG = System.getLogger(PemTls.class.getName());
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");

    private PemTls() {
    }

    /**
     * @param settings the alias's settings
     * @param keyName  names the key of a setting, for messages (alias-specific or global)
     * @throws InvalidSettingException naming the key of a file that cannot be used
     */
    static SSLSocketFactory socketFactory(AliasSettings settings, Function<MailKey, String> keyName) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(settings, keyName), trustManagers(settings, keyName), new SecureRandom());
            return new HostVerifyingSocketFactory(context.getSocketFactory());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(NO_TLS_CONTEXT.message("this JVM cannot create a TLS context"), e);
        }
    }

    private static TrustManager[] trustManagers(AliasSettings settings, Function<MailKey, String> keyName)
            throws GeneralSecurityException {
        Optional<Path> file = settings.sslTrustCertfile();
        if (file.isEmpty()) {
            return null; // the JVM's trust store
        }
        String key = keyName.apply(MailKey.SSL_TRUST_CERTFILE);
        KeyStore store = emptyStore();
        int i = 0;
        for (Certificate certificate : certificates(file.get(), key)) {
            store.setCertificateEntry("trusted-" + i++, certificate);
        }
        LOG.log(Level.WARNING, TRUSTS_ONLY_CERTFILE.message("alias ''{0}'' trusts only the certificates in {1},"
                + " not the JVM trust store; host names are still verified"), settings.alias(), key);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyManager[] keyManagers(AliasSettings settings, Function<MailKey, String> keyName)
            throws GeneralSecurityException {
        if (settings.sslCertfile().isEmpty()) {
            if (settings.sslKeyfile().isPresent()) {
                String key = keyName.apply(MailKey.SSL_KEYFILE);
                throw new InvalidSettingException(key, KEYFILE_WITHOUT_CERTFILE.message(key + " is set without "
                        + keyName.apply(MailKey.SSL_CERTFILE)));
            }
            return null;
        }
        String certKey = keyName.apply(MailKey.SSL_CERTFILE);
        Certificate[] chain = certificates(settings.sslCertfile().get(), certKey).toArray(Certificate[]::new);
        String keyKey = settings.sslKeyfile().isPresent() ? keyName.apply(MailKey.SSL_KEYFILE) : certKey;
        Path keyFile = settings.sslKeyfile().orElse(settings.sslCertfile().get());
        PrivateKey privateKey = privateKey(keyFile, keyKey, chain[0].getPublicKey().getAlgorithm());
        char[] password = "cdi-mail".toCharArray(); // protects only this in-memory store
        KeyStore store = emptyStore();
        store.setKeyEntry("client", privateKey, password, chain);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    private static Collection<? extends Certificate> certificates(Path file, String key) {
        byte[] pem = read(file, key);
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            if (certificates.isEmpty()) {
                throw new InvalidSettingException(key, NO_PEM_CERTIFICATE.message(key + " holds no PEM certificate"));
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new InvalidSettingException(key, NO_PEM_CERTIFICATE.message(key
                    + " holds no readable PEM certificate"));
        }
    }

    private static PrivateKey privateKey(Path file, String key, String algorithm) {
        Matcher pem = PRIVATE_KEY.matcher(new String(read(file, key), StandardCharsets.US_ASCII));
        if (!pem.find()) {
            throw new InvalidSettingException(key, NO_PEM_PRIVATE_KEY.message(key + " holds no PEM private key"));
        }
        if (!pem.group(1).isEmpty()) {
            throw new InvalidSettingException(key, NO_PEM_PRIVATE_KEY.message(key + " holds a " + pem.group(1).strip()
                    + " private key; convert it to unencrypted PKCS#8 (openssl pkcs8 -topk8 -nocrypt)"));
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidSettingException(key, NO_PEM_PRIVATE_KEY.message(key
                    + " holds no PKCS#8 private key matching the certificate's " + algorithm + " key"));
        }
    }

    private static byte[] read(Path file, String key) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidSettingException(key, PEM_FILE_UNREADABLE.message(key + " cannot be read"));
        }
    }
}

package org.cdimail.it.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.cdimail.it.server.ServerProcess;

/**
 * A throw-away certificate for {@code localhost} and {@code 127.0.0.1}, made with the JDK's
 * {@code keytool}: the SMTP peer presents it, the server under test trusts it through
 * {@link #pemFile()} or {@link #trustStore()}.
 */
public final class SelfSignedCertificate {

    /** The password of both stores: the key is thrown away after the run. */
    public static final String STORE_PASSWORD = "changeit";

    private final Path keyStore;
    private final Path pemFile;
    private final Path trustStore;

    private SelfSignedCertificate(Path keyStore, Path pemFile, Path trustStore) {
        this.keyStore = keyStore;
        this.pemFile = pemFile;
        this.trustStore = trustStore;
    }

    /**
     * Generates the key pair and certificate, its PEM export and a trust store holding only it.
     *
     * @param directory where the files go
     * @return the certificate
     * @throws IOException if keytool fails
     */
    public static SelfSignedCertificate generate(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path keyStore = directory.resolve("smtp-key.p12");
        Path pem = directory.resolve("smtp-cert.pem");
        Path trust = directory.resolve("smtp-trust.p12");
        for (Path file : List.of(keyStore, pem, trust)) {
            Files.deleteIfExists(file);
        }
        keytool(directory, "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        keytool(directory, "-exportcert", "-rfc", "-alias", "smtp", "-keystore", keyStore.toString(),
                "-storepass", STORE_PASSWORD, "-file", pem.toString());
        keytool(directory, "-importcert", "-noprompt", "-alias", "smtp", "-file", pem.toString(),
                "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
        return new SelfSignedCertificate(keyStore, pem, trust);
    }

    /**
     * The certificate in PEM.
     *
     * @return the file
     */
    public Path pemFile() {
        return pemFile;
    }

    /**
     * A PKCS12 trust store holding only this certificate, password {@value #STORE_PASSWORD}.
     *
     * @return the file
     */
    public Path trustStore() {
        return trustStore;
    }

    /**
     * A TLS context that presents this certificate, for the server side of a connection.
     *
     * @return the context
     */
    public SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, STORE_PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, STORE_PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load " + keyStore, e);
        }
    }

    private static void keytool(Path directory, String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        try (ServerProcess keytool = ServerProcess.start("keytool " + arguments[0], command, Map.of(), directory,
                directory.resolve("keytool.log"))) {
            int status = keytool.awaitExitStatus(Duration.ofSeconds(60));
            if (status != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: " + keytool.output());
            }
        }
    }
}

package org.cdimail.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One SMTP peer on 127.0.0.1 that misbehaves in a chosen {@link Mode}, for the command line's
 * tests (the cli module does not see impl's test peers). Every wait it makes ends when the peer
 * is closed.
 */
final class HostileSmtpPeer implements AutoCloseable {

    /** How it misbehaves. */
    enum Mode {
        /** Accepts the connection and never writes a byte. */
        SILENT,
        /** Sends its greeting a byte at a time, {@link #DRIP} apart. */
        DRIPPED_GREETING,
        /** Answers EHLO with "250-" lines that never end. */
        ENDLESS_EHLO,
        /** Implicit TLS; answers up to DATA's 354, then never reads again. */
        TLS_STOPS_READING_AFTER_DATA
    }

    /** The interval of {@link Mode#DRIPPED_GREETING}. */
    static final Duration DRIP = Duration.ofMillis(1500);

    private final Mode mode;
    private final SSLContext tls;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private HostileSmtpPeer(Mode mode, SSLContext tls) throws IOException {
        this.mode = mode;
        this.tls = tls;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::acceptLoop);
    }

    static HostileSmtpPeer start(Mode mode) throws IOException {
        return new HostileSmtpPeer(mode, null);
    }

    /** A TLS peer presenting {@code certificate}. */
    static HostileSmtpPeer startTls(Mode mode, SelfSigned certificate) throws Exception {
        return new HostileSmtpPeer(mode, certificate.serverContext());
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                clients.add(socket);
                threads.submit(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket plain) {
        try (plain) {
            Socket socket = plain;
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
                ssl.setUseClientMode(false);
                ssl.startHandshake();
                socket = ssl;
            }
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            switch (mode) {
                case SILENT -> awaitClose();
                case DRIPPED_GREETING -> drip(out, "220 hostile.test ESMTP\r\n");
                default -> converse(in, out);
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    private void converse(InputStream in, OutputStream out) throws IOException {
        write(out, "220 hostile.test ESMTP\r\n");
        String line;
        while ((line = readLine(in)) != null) {
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("EHLO") && mode == Mode.ENDLESS_EHLO) {
                byte[] lines = "250-X-ENDLESS extension line of a hostile server\r\n".repeat(64)
                        .getBytes(StandardCharsets.US_ASCII);
                while (closed.getCount() > 0) {
                    out.write(lines);
                }
                return;
            } else if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                write(out, "250 hostile.test\r\n");
            } else if (upper.equals("DATA")) {
                write(out, "354 go ahead\r\n");
                awaitClose(); // and never read again
                return;
            } else if (upper.equals("QUIT")) {
                write(out, "221 bye\r\n");
                return;
            } else {
                write(out, "250 ok\r\n");
            }
        }
    }

    private void drip(OutputStream out, String text) throws IOException {
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            out.write(b);
            out.flush();
            if (await(DRIP)) {
                return;
            }
        }
        awaitClose();
    }

    private void awaitClose() {
        await(Duration.ofMinutes(1));
    }

    /** Waits until the peer is closed or {@code timeout} passed; returns whether it was closed. */
    private boolean await(Duration timeout) {
        try {
            return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return b < 0 && line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
        for (Socket client : clients) {
            client.close();
        }
        threads.shutdownNow();
    }

    /** A self-signed certificate for 127.0.0.1, made with the JDK's keytool, and its PEM. */
    record SelfSigned(Path keyStore, Path certificatePem) {

        private static final String PASSWORD = "changeit";

        static SelfSigned generate(Path dir) throws Exception {
            Path store = dir.resolve("hostile.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "hostile", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=hostile", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                    "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IOException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
                }
            } finally {
                process.destroy();
            }
            Certificate certificate = load(store).getCertificate("hostile");
            Path pem = Files.writeString(dir.resolve("hostile-cert.pem"), "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            return new SelfSigned(store, pem);
        }

        private static KeyStore load(Path store) throws Exception {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, PASSWORD.toCharArray());
            }
            return keyStore;
        }

        SSLContext serverContext() throws Exception {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore), PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        }
    }
}

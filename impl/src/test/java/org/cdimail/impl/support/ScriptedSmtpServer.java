package org.cdimail.impl.support;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP peer on 127.0.0.1 and a free port, scripted for what GreenMail cannot do: refuse
 * chosen recipients (550) or defer them (451), offer STARTTLS with a chosen certificate, require
 * a client certificate, record AUTH and whether it came after TLS, accept connections and never
 * answer, answer {@code DATA} with 354 and then stop reading (a server whose buffers fill up), or
 * answer slowly: each reply after a delay, or held until the test releases the replies.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    /** One delivered message. */
    public record Received(String sender, List<String> recipients, String data) {
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> authentications = new CopyOnWriteArrayList<>();
    private final List<Certificate[]> clientCertificates = new CopyOnWriteArrayList<>();
    private final List<String> greetings = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean silent;
    private volatile Set<String> refused = Set.of();
    private volatile Set<String> deferred = Set.of();
    private volatile SSLContext startTls;
    private volatile SSLContext implicitTls;
    private volatile boolean needClientAuth;
    private volatile boolean stopReadingAfterData;
    private volatile java.time.Duration replyDelay = java.time.Duration.ZERO;
    private final java.util.concurrent.CountDownLatch repliesReleased = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean holdReplies;
    private final AtomicInteger heldReplies = new AtomicInteger();
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

    private ScriptedSmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    public static ScriptedSmtpServer start() throws IOException {
        ScriptedSmtpServer smtp = new ScriptedSmtpServer();
        smtp.threads.submit(smtp::acceptLoop);
        return smtp;
    }

    /** Answer 451 (a temporary refusal) to RCPT TO for these addresses, every time. */
    public ScriptedSmtpServer deferring(String... addresses) {
        this.deferred = Set.of(addresses);
        return this;
    }

    /** Accept connections and never write a byte. */
    public ScriptedSmtpServer silent() {
        this.silent = true;
        return this;
    }

    /** Answer 550 to RCPT TO for these addresses. */
    public ScriptedSmtpServer refusing(String... addresses) {
        this.refused = Set.of(addresses);
        return this;
    }

    /** Answer DATA with 354, then never read again: the client's writes block once buffers are full. */
    public ScriptedSmtpServer stopReadingAfterData() {
        this.stopReadingAfterData = true;
        return this;
    }

    /** Waits this long before every reply, the greeting included: a slow server. */
    public ScriptedSmtpServer delayingReplies(java.time.Duration delay) {
        this.replyDelay = delay;
        return this;
    }

    /** Holds every reply, the greeting included, until {@link #releaseReplies()} (or {@link #close()}). */
    public ScriptedSmtpServer holdingReplies() {
        this.holdReplies = true;
        return this;
    }

    /** Lets held replies go, and every later one at once. */
    public void releaseReplies() {
        repliesReleased.countDown();
    }

    /** How many replies have waited for {@link #releaseReplies()} so far: a client is talking to the server. */
    public int heldReplies() {
        return heldReplies.get();
    }

    public ScriptedSmtpServer offeringStartTls(SSLContext context) {
        this.startTls = context;
        return this;
    }

    public ScriptedSmtpServer implicitTls(SSLContext context, boolean requireClientCertificate) {
        this.implicitTls = context;
        this.needClientAuth = requireClientCertificate;
        return this;
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** "user:password:tls" or "user:password:plain" for each AUTH. */
    public List<String> authentications() {
        return List.copyOf(authentications);
    }

    public List<Certificate[]> clientCertificates() {
        return List.copyOf(clientCertificates);
    }

    /** The host names clients gave in EHLO. */
    public List<String> greetings() {
        return List.copyOf(greetings);
    }

    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                clients.add(socket);
                connections.incrementAndGet();
                threads.submit(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket plain) {
        try {
            if (silent) {
                plain.getInputStream().read(new byte[1024]); // blocks until the client gives up
                return;
            }
            Socket socket = plain;
            if (implicitTls != null) {
                socket = tls(plain, implicitTls);
            }
            converse(socket, implicitTls != null, true);
        } catch (IOException e) {
            // the client went away or the handshake failed: nothing to record
        } finally {
            try {
                plain.close();
            } catch (IOException e) {
                // closing
            }
        }
    }

    private SSLSocket tls(Socket plain, SSLContext context) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.setNeedClientAuth(needClientAuth);
        ssl.startHandshake();
        if (needClientAuth) {
            try {
                clientCertificates.add(ssl.getSession().getPeerCertificates());
            } catch (SSLPeerUnverifiedException e) {
                throw new IOException(e);
            }
        }
        clients.add(ssl);
        return ssl;
    }

    private void converse(Socket socket, boolean encrypted, boolean greet) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = socket.getOutputStream();
        if (greet) {
            reply(out, "220 scripted.test ESMTP");
        }
        String sender = null;
        List<String> recipients = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("EHLO")) {
                greetings.add(line.substring(4).strip());
                StringBuilder ehlo = new StringBuilder("250-scripted.test\r\n");
                if (startTls != null && !encrypted) {
                    ehlo.append("250-STARTTLS\r\n");
                }
                ehlo.append("250-AUTH PLAIN LOGIN\r\n250 8BITMIME");
                reply(out, ehlo.toString());
            } else if (upper.startsWith("HELO")) {
                reply(out, "250 scripted.test");
            } else if (upper.equals("STARTTLS") && startTls != null && !encrypted) {
                reply(out, "220 go ahead");
                converse(tls(socket, startTls), true, false);
                return;
            } else if (upper.startsWith("AUTH PLAIN")) {
                String encoded = line.length() > 11 ? line.substring(11).strip() : challenge(in, out, "");
                String[] parts = decode(encoded).split("\0", -1);
                authentications.add(parts[1] + ":" + parts[2] + ":" + (encrypted ? "tls" : "plain"));
                reply(out, "235 ok");
            } else if (upper.startsWith("AUTH LOGIN")) {
                String user = decode(challenge(in, out, "VXNlcm5hbWU6"));
                String password = decode(challenge(in, out, "UGFzc3dvcmQ6"));
                authentications.add(user + ":" + password + ":" + (encrypted ? "tls" : "plain"));
                reply(out, "235 ok");
            } else if (upper.startsWith("MAIL FROM:")) {
                sender = address(line);
                recipients = new ArrayList<>();
                reply(out, "250 ok");
            } else if (upper.startsWith("RCPT TO:")) {
                String recipient = address(line);
                if (refused.contains(recipient)) {
                    reply(out, "550 5.1.1 mailbox unavailable");
                } else if (deferred.contains(recipient)) {
                    reply(out, "451 4.3.0 try again later");
                } else {
                    recipients.add(recipient);
                    reply(out, "250 ok");
                }
            } else if (upper.equals("DATA")) {
                reply(out, "354 go ahead");
                if (stopReadingAfterData) {
                    awaitClose();
                    return;
                }
                received.add(new Received(sender, List.copyOf(recipients), data(in)));
                reply(out, "250 queued");
            } else if (upper.equals("RSET") || upper.equals("NOOP")) {
                reply(out, "250 ok");
            } else if (upper.equals("QUIT")) {
                reply(out, "221 bye");
                return;
            } else {
                reply(out, "502 not implemented");
            }
        }
    }

    /** Holds the connection open, reading nothing, until the server is closed (at most a minute). */
    private void awaitClose() {
        try {
            closed.await(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String challenge(BufferedReader in, OutputStream out, String prompt) throws IOException {
        reply(out, "334 " + prompt);
        return in.readLine();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
    }

    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open);
        return line.substring(open + 1, close);
    }

    private static String data(BufferedReader in) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            String unstuffed = line.startsWith(".") ? line.substring(1) : line;
            data.writeBytes((unstuffed + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return data.toString(StandardCharsets.ISO_8859_1);
    }

    private void reply(OutputStream out, String text) throws IOException {
        try {
            if (holdReplies && repliesReleased.getCount() > 0) {
                heldReplies.incrementAndGet();
                repliesReleased.await(1, java.util.concurrent.TimeUnit.MINUTES);
            }
            if (!replyDelay.isZero()) {
                Thread.sleep(replyDelay.toMillis()); // the slow server this option asks for, not a synchronisation
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Stops accepting, closes every connection and stops the threads. */
    @Override
    public void close() throws IOException {
        closed.countDown();
        repliesReleased.countDown();
        server.close();
        for (Socket client : clients) {
            try {
                client.close();
            } catch (IOException e) {
                // closing
            }
        }
        threads.shutdownNow();
    }
}

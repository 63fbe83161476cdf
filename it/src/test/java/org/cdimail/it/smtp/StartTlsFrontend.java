package org.cdimail.it.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP server on 127.0.0.1 that requires STARTTLS, then relays the decrypted session to a
 * plain SMTP server behind it (GreenMail, which has no STARTTLS of its own). It records the
 * commands each client sent after the TLS handshake, so a test can check that AUTH happened
 * inside TLS.
 */
public final class StartTlsFrontend implements AutoCloseable {

    private final SSLContext tls;
    private final int backendPort;
    private final ServerSocket listener;
    private final List<String> commandsAfterTls = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private StartTlsFrontend(SSLContext tls, int backendPort) throws IOException {
        this.tls = tls;
        this.backendPort = backendPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptConnections, "starttls-frontend-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a front-end on a free port.
     *
     * @param tls         the server-side TLS context
     * @param backendPort the plain SMTP server's port on 127.0.0.1
     * @return the running front-end
     * @throws IOException if it cannot listen
     */
    public static StartTlsFrontend start(SSLContext tls, int backendPort) throws IOException {
        return new StartTlsFrontend(tls, backendPort);
    }

    /**
     * The port clients connect to.
     *
     * @return the port
     */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * The command verbs (e.g. {@code EHLO}, {@code AUTH}, {@code MAIL}) clients sent inside TLS.
     *
     * @return the verbs, in order
     */
    public List<String> commandsAfterTls() {
        return List.copyOf(commandsAfterTls);
    }

    /** Forgets the recorded commands. */
    public void clearCommands() {
        commandsAfterTls.clear();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    private void acceptConnections() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                Thread session = new Thread(() -> serve(client), "starttls-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            OutputStream out = client.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            reply(out, "220 127.0.0.1 ESMTP STARTTLS front-end");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = verb(line);
                switch (verb) {
                    case "EHLO" -> reply(out, "250-127.0.0.1\r\n250 STARTTLS");
                    case "HELO", "NOOP", "RSET" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    case "STARTTLS" -> {
                        reply(out, "220 Go ahead");
                        relayOverTls(client);
                        return;
                    }
                    default -> reply(out, "530 5.7.0 Must issue a STARTTLS command first");
                }
            }
        } catch (IOException clientWentAway) {
            // the session ends with the client
        }
    }

    private void relayOverTls(Socket client) throws IOException {
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), false);
        secure.setUseClientMode(false);
        secure.startHandshake();
        open.add(secure);
        try (secure; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            open.add(backend);
            InputStream fromBackend = backend.getInputStream();
            skipLine(fromBackend); // the back-end's 220 greeting: the client already had ours
            Thread down = new Thread(() -> pipe(fromBackend, secure), "starttls-down");
            down.setDaemon(true);
            down.start();
            recordAndPipe(secure.getInputStream(), backend.getOutputStream());
        }
    }

    /** Copies client to back-end, noting each command verb; DATA content is not recorded. */
    private void recordAndPipe(InputStream fromClient, OutputStream toBackend) throws IOException {
        StringBuilder line = new StringBuilder();
        boolean inData = false;
        int b;
        while ((b = fromClient.read()) != -1) {
            toBackend.write(b);
            if (b != '\n') {
                line.append((char) b);
                continue;
            }
            toBackend.flush();
            String text = line.toString().strip();
            line.setLength(0);
            if (inData) {
                inData = !text.equals(".");
            } else {
                String verb = verb(text);
                commandsAfterTls.add(verb);
                inData = verb.equals("DATA");
            }
        }
    }

    private static void pipe(InputStream from, Socket to) {
        try {
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = from.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // either side closed
        }
    }

    private static void skipLine(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            // discard
        }
    }

    private static String verb(String line) {
        int space = line.indexOf(' ');
        return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}

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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay on 127.0.0.1 in front of a plain SMTP server (GreenMail) that can make it look
 * slow or unreachable, while GreenMail still does the SMTP:
 * <ul>
 * <li>with a reply delay, it holds every reply of the server behind it (the greeting, each
 * line of a multi-line reply together) that long before passing it on: the slow SMTP server of
 * the asynchronous-sending test;</li>
 * <li>during an {@link #outage()} it drops every session and closes new connections before
 * the greeting, keeping its port bound (a port given back could be taken by another program on
 * a shared machine): the SMTP server the health check must see go down.</li>
 * </ul>
 * Client commands pass through unchanged and at once.
 */
public final class SmtpRelay implements AutoCloseable {

    private final int backendPort;
    private final Duration replyDelay;
    private final ServerSocket listener;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger replies = new AtomicInteger();
    private final AtomicReference<Instant> firstReply = new AtomicReference<>();
    private volatile boolean down;

    private SmtpRelay(int backendPort, Duration replyDelay) throws IOException {
        this.backendPort = backendPort;
        this.replyDelay = replyDelay;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        Thread acceptor = new Thread(this::acceptConnections, "smtp-relay-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a relay on a free port that passes replies on at once.
     *
     * @param backendPort the plain SMTP server's port on 127.0.0.1
     * @return the running relay
     * @throws IOException if it cannot listen
     */
    public static SmtpRelay start(int backendPort) throws IOException {
        return new SmtpRelay(backendPort, Duration.ZERO);
    }

    /**
     * Starts a relay on a free port that holds each reply for {@code replyDelay}.
     *
     * @param backendPort the plain SMTP server's port on 127.0.0.1
     * @param replyDelay  how long each reply is held
     * @return the running relay
     * @throws IOException if it cannot listen
     */
    public static SmtpRelay slow(int backendPort, Duration replyDelay) throws IOException {
        return new SmtpRelay(backendPort, replyDelay);
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
     * How long each reply is held.
     *
     * @return the delay
     */
    public Duration replyDelay() {
        return replyDelay;
    }

    /**
     * When the relay passed the first reply on to a client since the last {@link #reset()}.
     *
     * @return the instant, empty while no reply has been passed on
     */
    public Optional<Instant> firstReplyAt() {
        return Optional.ofNullable(firstReply.get());
    }

    /**
     * How many replies were passed on to clients since the last {@link #reset()}.
     *
     * @return the count
     */
    public int replies() {
        return replies.get();
    }

    /**
     * How many connections were accepted since the last {@link #reset()}, outages included.
     *
     * @return the count
     */
    public int connections() {
        return connections.get();
    }

    /** Forgets the counts and the first reply's time, between tests. */
    public void reset() {
        replies.set(0);
        connections.set(0);
        firstReply.set(null);
    }

    /**
     * Starts an outage: every session is dropped, new connections are closed at once.
     *
     * @throws IOException if a session cannot be closed
     */
    public void outage() throws IOException {
        down = true;
        for (Socket socket : open) {
            socket.close();
        }
    }

    /** Ends the outage: new connections are relayed again. */
    public void endOutage() {
        down = false;
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
                connections.incrementAndGet();
                if (down) {
                    client.close();
                    continue;
                }
                open.add(client);
                Thread session = new Thread(() -> relay(client), "smtp-relay-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort)) {
            open.add(backend);
            Thread up = new Thread(() -> passCommandsOn(client, backend), "smtp-relay-commands");
            up.setDaemon(true);
            up.start();
            passRepliesOn(backend.getInputStream(), client.getOutputStream());
        } catch (IOException sessionEnded) {
            // either side closed, or an outage began
        } finally {
            open.remove(client);
        }
        open.removeIf(Socket::isClosed);
    }

    /** Copies the server's replies to the client, one whole reply at a time, each after the delay. */
    private void passRepliesOn(InputStream fromServer, OutputStream toClient) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.ISO_8859_1));
        StringBuilder reply = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            reply.append(line).append("\r\n");
            boolean lastLine = line.length() < 4 || line.charAt(3) != '-';
            if (lastLine) {
                hold();
                write(toClient, reply.toString());
                reply.setLength(0);
            }
        }
    }

    /** The slowness this relay exists for: not a synchronisation. */
    private void hold() throws IOException {
        if (replyDelay.isZero()) {
            return;
        }
        try {
            TimeUnit.MILLISECONDS.sleep(replyDelay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void write(OutputStream toClient, String reply) throws IOException {
        toClient.write(reply.getBytes(StandardCharsets.ISO_8859_1));
        toClient.flush();
        firstReply.compareAndSet(null, Instant.now());
        replies.incrementAndGet();
    }

    /** Copies the client's commands (and message data) to the server as they come. */
    private static void passCommandsOn(Socket client, Socket backend) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = backend.getOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // either side closed
        } finally {
            try {
                backend.shutdownOutput();
            } catch (IOException alreadyClosed) {
                // nothing to tell the server
            }
        }
    }
}

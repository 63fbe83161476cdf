package org.cdimail.impl.backend.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An SMTP peer on 127.0.0.1 that misbehaves as real servers do towards long-lived connections:
 * it closes a connection after K messages, answers {@code 421} to the next transaction after K,
 * closes connections idle for a while, or closes right after receiving a message without
 * answering. Records every message (by Subject), connection and {@code QUIT}.
 */
final class FlakySmtpServer implements AutoCloseable {

    /** What the server does once a connection has accepted K messages. */
    enum AfterK {
        NOTHING, CLOSE, ANSWER_421, CLOSE_BEFORE_REPLYING
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<String> subjects = new CopyOnWriteArrayList<>();
    /** Messages accepted on each connection, by connection number. */
    private final Map<Integer, AtomicInteger> perConnection = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicInteger quits = new AtomicInteger();
    private final AtomicInteger closedByServer = new AtomicInteger();
    private volatile AfterK afterK = AfterK.NOTHING;
    private volatile int k = Integer.MAX_VALUE;
    private volatile Duration idleTimeout;

    FlakySmtpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::acceptLoop);
    }

    /** On every connection, after {@code messages} accepted messages, does {@code what}. */
    FlakySmtpServer after(int messages, AfterK what) {
        this.k = messages;
        this.afterK = what;
        return this;
    }

    /** Closes a connection on which no command arrived for this long. */
    FlakySmtpServer closingIdleConnectionsAfter(Duration timeout) {
        this.idleTimeout = timeout;
        return this;
    }

    int port() {
        return server.getLocalPort();
    }

    /** The Subject of every message the server accepted or received in full, in arrival order. */
    List<String> subjects() {
        return List.copyOf(subjects);
    }

    /** How many times each Subject arrived. */
    Map<String, Long> arrivals() {
        return subjects.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    int connections() {
        return connections.get();
    }

    int mostOpenAtOnce() {
        return mostOpen.get();
    }

    /** Connections open right now. */
    int openNow() {
        return open.get();
    }

    int quits() {
        return quits.get();
    }

    int closedByServer() {
        return closedByServer.get();
    }

    /** Messages accepted on each connection, in connection order. */
    List<Integer> messagesPerConnection() {
        List<Integer> counts = new ArrayList<>();
        for (int i = 1; i <= connections.get(); i++) {
            AtomicInteger count = perConnection.get(i);
            counts.add(count == null ? 0 : count.get());
        }
        return counts;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                clients.add(socket);
                int number = connections.incrementAndGet();
                mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                threads.submit(() -> serve(socket, number));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket, int number) {
        AtomicInteger accepted = perConnection.computeIfAbsent(number, n -> new AtomicInteger());
        try (socket) {
            Duration idle = idleTimeout;
            if (idle != null) {
                socket.setSoTimeout((int) idle.toMillis());
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 flaky.example ESMTP");
            while (true) {
                String line;
                try {
                    line = in.readLine();
                } catch (SocketTimeoutException e) {
                    closedByServer.incrementAndGet(); // idle too long: hang up, as servers do
                    return;
                }
                if (line == null) {
                    return;
                }
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    reply(out, "250-flaky.example\r\n250 8BITMIME");
                } else if (command.startsWith("HELO")) {
                    reply(out, "250 flaky.example");
                } else if (command.startsWith("MAIL FROM")) {
                    if (accepted.get() >= k && afterK == AfterK.ANSWER_421) {
                        reply(out, "421 4.7.0 flaky.example too many messages on this connection, closing");
                        closedByServer.incrementAndGet();
                        return;
                    }
                    reply(out, "250 2.1.0 Ok");
                } else if (command.startsWith("RCPT TO")) {
                    reply(out, "250 2.1.5 Ok");
                } else if (command.equals("DATA")) {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    String subject = readMessage(in);
                    if (subject == null) {
                        return;
                    }
                    subjects.add(subject);
                    if (accepted.get() + 1 >= k && afterK == AfterK.CLOSE_BEFORE_REPLYING) {
                        accepted.incrementAndGet();
                        closedByServer.incrementAndGet();
                        return; // the whole message arrived; the client never hears whether it was accepted
                    }
                    accepted.incrementAndGet();
                    reply(out, "250 2.0.0 Ok: queued");
                    if (accepted.get() >= k && afterK == AfterK.CLOSE) {
                        closedByServer.incrementAndGet();
                        return;
                    }
                } else if (command.equals("RSET") || command.equals("NOOP")) {
                    reply(out, "250 2.0.0 Ok");
                } else if (command.equals("QUIT")) {
                    quits.incrementAndGet();
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 Error: command not recognized");
                }
            }
        } catch (IOException e) {
            // The client went away.
        } finally {
            open.decrementAndGet();
        }
    }

    /** Reads up to the final dot; returns the Subject, or {@code null} if the connection ended first. */
    private static String readMessage(BufferedReader in) throws IOException {
        String subject = "";
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals(".")) {
                return subject;
            }
            if (subject.isEmpty() && line.startsWith("Subject: ")) {
                subject = line.substring("Subject: ".length());
            }
        }
        return null;
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket client : clients) {
            client.close();
        }
        threads.shutdownNow();
    }
}

package org.cdimail.cli;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server on 127.0.0.1 and a free port for what GreenMail cannot do: answer chosen
 * recipients with chosen replies ({@code 450 4.2.2 ...}, {@code 550 5.1.1 ...}). It offers
 * {@code PIPELINING}, {@code 8BITMIME} and {@code ENHANCEDSTATUSCODES}, serves any number of
 * connections at once, answers every other recipient {@code 250 2.1.5}, {@code DATA} with
 * {@code 354} when some recipient was accepted (else {@code 554 5.5.1}), and the end of the data
 * with {@code 250 2.0.0 Ok: queued as Q<n>}. It records each accepted message before answering
 * its final dot, so a client that got its reply finds it in {@link #received()}; content cut off by
 * a closed connection before its final dot is no message, as for any server.
 *
 * <pre>{@code
 * try (ScriptedSmtpPeer smtp = ScriptedSmtpPeer.start()
 *         .replying("full@example.com", "450 4.2.2 Mailbox full")) { ... smtp.port() ... }
 * }</pre>
 */
final class ScriptedSmtpPeer implements AutoCloseable {

    /**
     * One message the peer accepted.
     *
     * @param sender     the {@code MAIL FROM} address
     * @param recipients the accepted {@code RCPT TO} addresses, in order
     * @param queueId    the id its final reply gave it
     * @param data       the message, dot-unstuffed, lines ending in CRLF
     */
    record Received(String sender, List<String> recipients, String queueId, String data) {
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-smtp-peer");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> recipientReplies = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    private ScriptedSmtpPeer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    /**
     * Starts a peer that accepts every recipient.
     *
     * @return the running peer
     * @throws IOException if it cannot listen
     */
    static ScriptedSmtpPeer start() throws IOException {
        ScriptedSmtpPeer peer = new ScriptedSmtpPeer();
        peer.threads.submit(peer::acceptLoop);
        return peer;
    }

    /**
     * Answers {@code RCPT TO} for one address (compared without case) with a reply.
     *
     * @param recipient the address
     * @param reply     a complete one-line reply, such as {@code 550 5.1.1 No such user}
     * @return this peer
     */
    ScriptedSmtpPeer replying(String recipient, String reply) {
        recipientReplies.put(recipient.toLowerCase(Locale.ROOT), reply);
        return this;
    }

    int port() {
        return server.getLocalPort();
    }

    /** The messages accepted so far, in the order their final dots arrived. */
    List<Received> received() {
        return List.copyOf(received);
    }

    /** How many connections clients opened. */
    int connections() {
        return connections.get();
    }

    /**
     * A command line followed by the settings that point every alias at this peer.
     *
     * @param args the command and its options
     * @return the command line
     */
    String[] with(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--set", "mail.host=127.0.0.1", "--set", "mail.port=" + port()));
        return all.toArray(String[]::new);
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

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(30));
            socket.setTcpNoDelay(true);
            converse(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)),
                    new BufferedOutputStream(socket.getOutputStream()));
        } catch (IOException e) {
            // the client went away, or the peer was closed
        }
    }

    /** Answers each command; replies go out when no more commands are waiting (RFC 2920 §3.2). */
    private void converse(BufferedReader in, OutputStream out) throws IOException {
        reply(in, out, "220 scripted.test ESMTP");
        String sender = null;
        List<String> accepted = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("EHLO")) {
                reply(in, out, "250-scripted.test\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES");
            } else if (upper.startsWith("HELO")) {
                reply(in, out, "250 scripted.test");
            } else if (upper.startsWith("MAIL FROM:")) {
                sender = address(line);
                accepted = new ArrayList<>();
                reply(in, out, "250 2.1.0 Ok");
            } else if (upper.startsWith("RCPT TO:")) {
                String recipient = address(line);
                String scripted = recipientReplies.get(recipient.toLowerCase(Locale.ROOT));
                if (scripted == null) {
                    accepted.add(recipient);
                    reply(in, out, "250 2.1.5 Ok");
                } else {
                    reply(in, out, scripted);
                }
            } else if (upper.equals("DATA")) {
                if (sender == null || accepted.isEmpty()) {
                    reply(in, out, "554 5.5.1 Error: no valid recipients");
                    continue;
                }
                reply(in, out, "354 End data with <CR><LF>.<CR><LF>");
                String data = data(in);
                if (data == null) {
                    return; // the client went away before the final dot: no message, as any server
                }
                String queueId = "Q" + queued.incrementAndGet();
                received.add(new Received(sender, List.copyOf(accepted), queueId, data));
                sender = null;
                accepted = new ArrayList<>();
                reply(in, out, "250 2.0.0 Ok: queued as " + queueId);
            } else if (upper.equals("RSET")) {
                sender = null;
                accepted = new ArrayList<>();
                reply(in, out, "250 2.0.0 Ok");
            } else if (upper.equals("NOOP")) {
                reply(in, out, "250 2.0.0 Ok");
            } else if (upper.equals("QUIT")) {
                reply(in, out, "221 2.0.0 Bye");
                return;
            } else {
                reply(in, out, "502 5.5.2 Error: command not recognized");
            }
        }
    }

    /** The content up to the final dot, dot-unstuffed; {@code null} when the connection ends before it. */
    private static String data(BufferedReader in) throws IOException {
        StringBuilder data = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals(".")) {
                return data.toString();
            }
            data.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        return null;
    }

    private static String address(String command) {
        int open = command.indexOf('<');
        int close = command.indexOf('>', open + 1);
        return open >= 0 && close > open ? command.substring(open + 1, close) : command.substring(command.indexOf(':') + 1).strip();
    }

    /** Writes a reply, and sends what is written unless more pipelined commands are waiting. */
    private static void reply(BufferedReader in, OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        if (!in.ready()) {
            out.flush();
        }
    }

    /** Stops listening, drops every connection, and waits (5 s at most) for its threads to end. */
    @Override
    public void close() throws IOException {
        server.close();
        for (Socket client : clients) {
            client.close();
        }
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the scripted SMTP peer's threads did not end within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the scripted SMTP peer", e);
        }
    }
}

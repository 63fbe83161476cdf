package org.cdimail.queue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lock-step SMTP server on a free loopback port for the queue's tests: it answers
 * {@code 451 4.2.1} to the first {@code n} {@code RCPT TO} of an address told to
 * {@link #deferFirst}, {@code 550 5.1.1} to one told to {@link #refuse}, {@code 250} otherwise,
 * and counts, per recipient, the messages it accepted.
 */
final class ScriptedSmtpPeer implements AutoCloseable {

    private volatile ServerSocket server;
    private final int port;
    private final List<Socket> sessions = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> deferrals = new ConcurrentHashMap<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final AtomicInteger queueIds = new AtomicInteger();

    private volatile boolean keepData = true;
    private final java.util.concurrent.atomic.AtomicLong dataBytes = new java.util.concurrent.atomic.AtomicLong();

    /** Counts the bytes of message data instead of keeping them (for very large messages). */
    void discardData() {
        keepData = false;
    }

    /** The bytes of message data received (lines without their line breaks). */
    long dataBytes() {
        return dataBytes.get();
    }

    ScriptedSmtpPeer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        port = server.getLocalPort();
        listen(server);
    }

    private void listen(ServerSocket socket) {
        Thread acceptor = new Thread(() -> acceptAll(socket), "scripted-smtp-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return port;
    }

    private final AtomicInteger accepted = new AtomicInteger();
    private volatile int outageAfter = Integer.MAX_VALUE;

    /** Starts an outage ({@link #stop()}) right after the given number of messages was accepted. */
    void outageAfter(int messages) {
        outageAfter = messages;
    }

    private volatile boolean down;

    /**
     * An outage: every connection is dropped, and new ones are closed at once, before the
     * greeting. The port stays bound (a port given back could be taken by another program
     * on a shared machine, which might even accept the mail).
     */
    void stop() throws IOException {
        down = true;
        for (Socket session : sessions) {
            session.close();
        }
    }

    /** The end of the outage. */
    void restart() {
        down = false;
    }

    void deferFirst(String address, int times) {
        deferrals.put(address.toLowerCase(Locale.ROOT), new AtomicInteger(times));
    }

    void refuse(String address) {
        refused.add(address.toLowerCase(Locale.ROOT));
    }

    /** How many messages each recipient received. */
    Map<String, Integer> deliveries() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        delivered.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    /** The data of every accepted message, in order. */
    List<String> messages() {
        return List.copyOf(messages);
    }

    private void acceptAll(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket socket = listening.accept();
                if (down) {
                    socket.close();
                    continue;
                }
                sessions.add(socket);
                Thread session = new Thread(() -> serve(socket), "scripted-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 peer ESMTP");
            List<String> recipients = new CopyOnWriteArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    reply(out, "250-peer\r\n250 8BITMIME");
                } else if (command.startsWith("HELO") || command.startsWith("NOOP")) {
                    reply(out, "250 ok");
                } else if (command.startsWith("MAIL FROM")) {
                    recipients.clear();
                    reply(out, "250 2.1.0 ok");
                } else if (command.startsWith("RCPT TO")) {
                    String address = line.substring(line.indexOf('<') + 1, line.indexOf('>')).toLowerCase(Locale.ROOT);
                    AtomicInteger deferLeft = deferrals.get(address);
                    if (refused.contains(address)) {
                        reply(out, "550 5.1.1 no such user");
                    } else if (deferLeft != null && deferLeft.getAndDecrement() > 0) {
                        reply(out, "451 4.2.1 try again later");
                    } else {
                        recipients.add(address);
                        reply(out, "250 2.1.5 ok");
                    }
                } else if (command.equals("DATA")) {
                    if (recipients.isEmpty()) {
                        reply(out, "554 5.5.1 no valid recipients");
                        continue;
                    }
                    reply(out, "354 go ahead");
                    ByteArrayOutputStream data = new ByteArrayOutputStream();
                    for (String body = in.readLine(); body != null && !body.equals("."); body = in.readLine()) {
                        dataBytes.addAndGet(body.length());
                        if (keepData) {
                            data.write((body.startsWith("..") ? body.substring(1) : body).getBytes(StandardCharsets.ISO_8859_1));
                            data.write('\n');
                        }
                    }
                    messages.add(keepData ? data.toString(StandardCharsets.ISO_8859_1) : "(discarded)");
                    recipients.forEach(r -> delivered.computeIfAbsent(r, k -> new AtomicInteger()).incrementAndGet());
                    recipients.clear();
                    reply(out, "250 2.0.0 Ok: queued as Q" + queueIds.incrementAndGet());
                    if (accepted.incrementAndGet() == outageAfter) {
                        stop();
                    }
                } else if (command.startsWith("RSET")) {
                    recipients.clear();
                    reply(out, "250 ok");
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        } finally {
            sessions.remove(socket);
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

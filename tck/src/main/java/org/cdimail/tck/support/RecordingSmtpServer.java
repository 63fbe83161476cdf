package org.cdimail.tck.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server on a free loopback port that records each transaction (envelope and the
 * exact bytes of {@code DATA}) and can be told to refuse recipients.
 *
 * <p>The TCK writes its own instead of using a full mail server because it must see what a
 * client really sent: the {@code MAIL FROM}/{@code RCPT TO} addresses (for Bcc and IDNA), the
 * line endings of the data (for CRLF), every command (to prove {@code AUTH} was not tried), and
 * how many connections were opened. It offers no AUTH, no STARTTLS and no SMTPUTF8.
 */
public final class RecordingSmtpServer implements AutoCloseable {

    /** One completed mail transaction. */
    public record Transaction(String sender, List<String> recipients, byte[] data) {
        /**
         * A transaction.
         *
         * @param sender     the {@code MAIL FROM} address
         * @param recipients the accepted {@code RCPT TO} addresses, in order
         * @param data       the message bytes after dot-unstuffing, line endings as received
         */
        public Transaction {
            recipients = List.copyOf(recipients);
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    private final ServerSocket serverSocket;
    private final boolean silent;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tck-smtp");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final List<Transaction> transactions = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    private RecordingSmtpServer(boolean silent) throws IOException {
        this.silent = silent;
        this.serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        workers.execute(this::acceptLoop);
    }

    /**
     * Starts a server on 127.0.0.1 and a free port.
     *
     * @return the running server
     */
    public static RecordingSmtpServer start() {
        return create(false);
    }

    /**
     * Starts a server that accepts connections and never answers: for timeout tests.
     *
     * @return the running server
     */
    public static RecordingSmtpServer startSilent() {
        return create(true);
    }

    private static RecordingSmtpServer create(boolean silent) {
        try {
            return new RecordingSmtpServer(silent);
        } catch (IOException e) {
            throw new IllegalStateException("CDIMAIL-00501: the TCK's SMTP server could not start", e);
        }
    }

    /**
     * A loopback port nothing listens on: the port of a server socket that was just closed.
     *
     * @return the port
     */
    public static int unusedPort() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("CDIMAIL-00506: no free loopback port", e);
        }
    }

    /**
     * The port the server listens on, on the loopback address.
     *
     * @return the port
     */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /**
     * Makes the server answer {@code 550} to {@code RCPT TO} for this address (compared without
     * case).
     *
     * @param address the bare address
     */
    public void refuse(String address) {
        refused.add(address.toLowerCase(Locale.ROOT));
    }

    /**
     * The completed transactions, oldest first.
     *
     * @return an immutable snapshot
     */
    public List<Transaction> transactions() {
        return List.copyOf(transactions);
    }

    /**
     * Every command line received, in order, as sent (for example {@code "EHLO client"}).
     *
     * @return an immutable snapshot
     */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /**
     * How many connections were accepted since the last {@link #clear()}.
     *
     * @return the count
     */
    public int connections() {
        return connections.get();
    }

    /** Forgets transactions, commands, connection counts and refused addresses. */
    public void clear() {
        transactions.clear();
        commands.clear();
        refused.clear();
        connections.set(0);
    }

    /** Stops accepting, and closes every open connection. */
    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // Closing a listening socket only fails when it is already closed.
        }
        for (Socket client : clients) {
            closeQuietly(client);
        }
        workers.shutdownNow();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket client = serverSocket.accept();
                clients.add(client);
                connections.incrementAndGet();
                workers.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            if (silent) {
                client.getInputStream().transferTo(OutputStream.nullOutputStream());
                return;
            }
            new Session(client.getInputStream(), client.getOutputStream()).run();
        } catch (SocketException e) {
            // The client went away, or the server is closing.
        } catch (IOException e) {
            // Same: a test's client may drop the connection at any point.
        } finally {
            clients.remove(client);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing to do: the socket is being discarded.
        }
    }

    /** The conversation with one client. */
    private final class Session {
        private final InputStream in;
        private final OutputStream out;
        private String sender;
        private final List<String> recipients = new ArrayList<>();

        Session(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        void run() throws IOException {
            reply("220 tck.localhost cdi-mail TCK recording server");
            byte[] line;
            while ((line = readLine()) != null) {
                String command = new String(line, StandardCharsets.UTF_8).strip();
                commands.add(command);
                String verb = command.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply("250-tck.localhost\r\n250-8BITMIME\r\n250 SIZE 52428800");
                    case "HELO" -> reply("250 tck.localhost");
                    case "MAIL" -> {
                        sender = addressOf(command);
                        recipients.clear();
                        reply("250 2.1.0 sender ok");
                    }
                    case "RCPT" -> recipient(addressOf(command));
                    case "DATA" -> data();
                    case "RSET" -> {
                        sender = null;
                        recipients.clear();
                        reply("250 2.0.0 reset");
                    }
                    case "NOOP" -> reply("250 2.0.0 ok");
                    case "QUIT" -> {
                        reply("221 2.0.0 bye");
                        return;
                    }
                    default -> reply("502 5.5.1 command not implemented");
                }
            }
        }

        private void recipient(String address) throws IOException {
            if (sender == null) {
                reply("503 5.5.1 MAIL first");
            } else if (refused.contains(address.toLowerCase(Locale.ROOT))) {
                reply("550 5.1.1 mailbox unavailable");
            } else {
                recipients.add(address);
                reply("250 2.1.5 recipient ok");
            }
        }

        private void data() throws IOException {
            if (sender == null || recipients.isEmpty()) {
                reply("503 5.5.1 no valid recipients");
                return;
            }
            reply("354 end data with <CR><LF>.<CR><LF>");
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            byte[] line;
            while ((line = readLine()) != null) {
                if (isEndOfData(line)) {
                    transactions.add(new Transaction(sender, recipients, data.toByteArray()));
                    sender = null;
                    recipients.clear();
                    reply("250 2.0.0 queued");
                    return;
                }
                int from = line.length > 1 && line[0] == '.' ? 1 : 0; // RFC 5321 4.5.2 transparency
                data.write(line, from, line.length - from);
            }
        }

        private boolean isEndOfData(byte[] line) {
            return (line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n')
                    || (line.length == 2 && line[0] == '.' && line[1] == '\n');
        }

        /** One line including its terminator, or {@code null} at end of stream. */
        private byte[] readLine() throws IOException {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                buffer.write(b);
                if (b == '\n') {
                    return buffer.toByteArray();
                }
            }
            return buffer.size() == 0 ? null : buffer.toByteArray();
        }

        private void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private static String addressOf(String command) {
        int open = command.indexOf('<');
        int close = command.indexOf('>', open + 1);
        if (open >= 0 && close > open) {
            return command.substring(open + 1, close);
        }
        int colon = command.indexOf(':');
        return colon < 0 ? "" : command.substring(colon + 1).strip().split(" ", 2)[0];
    }
}

package org.cdimail.tck.support;

import static org.cdimail.tck.support.TckError.NO_FREE_PORT;
import static org.cdimail.tck.support.TckError.SMTP_SERVER_NOT_STARTED;
import static org.cdimail.tck.support.TckError.TEST_CERTIFICATE_NOT_LOADED;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server on a free loopback port that records each transaction (envelope and the
 * exact bytes of {@code DATA}) and can be told to refuse recipients.
 *
 * <p>The TCK writes its own instead of using a full mail server because it must see what a
 * client really sent: the {@code MAIL FROM}/{@code RCPT TO} addresses (for Bcc and IDNA), the
 * line endings of the data (for CRLF), every command (to prove {@code AUTH} was not tried), and
 * how many connections were opened, whether a transaction was encrypted, and which credentials a
 * client sent with {@code AUTH}.
 *
 * <p>Security: {@link #start()} speaks plain SMTP; {@link #startWithStartTls()} offers
 * {@code STARTTLS}; {@link #startWithImplicitTls()} speaks TLS from the first byte. Both TLS
 * servers present the TCK's self-signed certificate for {@code 127.0.0.1} and
 * {@code localhost} (a PKCS#12 key store shipped as a resource next to this class, generated
 * once with {@code keytool}); a client trusts it through {@link #certificateFile()}.
 * {@code AUTH} is offered only after {@link #acceptLogin(String, String, String...)}. It offers
 * {@code 8BITMIME} and {@code SIZE}, and no SMTPUTF8.
 *
 * <p>Pipelining (RFC 2920): the server offers {@code PIPELINING} unless told
 * {@link #withoutPipelining()}. It reads the socket byte by byte, so commands a client sends in
 * one group are all read, and answered in order. Right after it has read a command, and before
 * it writes the reply, it looks whether more input has already arrived ({@code available()}): a
 * client cannot have read a reply that was not written yet, so such input proves the client did
 * not wait for it. Where that breaks a rule (no {@code PIPELINING} offered; or a command that
 * ends a group: {@code EHLO}, {@code DATA}, {@code VRFY}, {@code EXPN}, {@code TURN},
 * {@code QUIT}, {@code NOOP}, and {@code STARTTLS}; or input before the greeting) it records a {@link Violation}; where {@code PIPELINING} allows it,
 * it only counts it ({@link #pipelinedInputs()}). The check is one-sided: a client whose early
 * input arrives a moment later is not caught, but whatever is recorded really happened. It also
 * records message content that follows a refused {@code DATA}.
 */
public final class RecordingSmtpServer implements AutoCloseable {

    /** How a server protects its connections. */
    public enum Security {
        /** Plain SMTP, no STARTTLS offered. */
        PLAIN,
        /** Plain SMTP that offers {@code STARTTLS}. */
        STARTTLS,
        /** TLS from the first byte (SMTPS, usually port 465). */
        IMPLICIT_TLS
    }

    /**
     * One completed mail transaction.
     *
     * @param sender     the {@code MAIL FROM} address
     * @param recipients the accepted {@code RCPT TO} addresses, in order
     * @param data       the message bytes after dot-unstuffing, line endings as received
     * @param secure     whether the connection was encrypted (after STARTTLS, or implicit TLS)
     * @param mailParameters the parameters of {@code MAIL FROM} after the address, as sent (for
     *                   example {@code BODY=8BITMIME}, {@code SIZE=1234})
     */
    public record Transaction(String sender, List<String> recipients, byte[] data, boolean secure,
            List<String> mailParameters) {
        /**
         * A transaction.
         *
         * @param sender     the {@code MAIL FROM} address
         * @param recipients the accepted {@code RCPT TO} addresses, in order
         * @param data       the message bytes after dot-unstuffing, line endings as received
         * @param secure     whether the connection was encrypted
         * @param mailParameters the parameters of {@code MAIL FROM} after the address, as sent
         */
        public Transaction {
            recipients = List.copyOf(recipients);
            data = data.clone();
            mailParameters = List.copyOf(mailParameters);
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /**
     * One {@code AUTH} exchange. The password is kept so that a test can compare it; this
     * server only ever sees the TCK's own test credentials.
     *
     * @param mechanism the SASL mechanism, upper case ({@code PLAIN} or {@code LOGIN})
     * @param username  the user name the client sent
     * @param password  the password the client sent
     * @param secure    whether the connection was encrypted at the time
     * @param accepted  whether the server accepted the credentials
     */
    public record Authentication(String mechanism, String username, String password, boolean secure,
            boolean accepted) {
    }

    /**
     * Something a client did that the SMTP extensions it was offered do not allow.
     *
     * @param connection which connection, counting from 1 since the last {@link #clear()}
     * @param rule       what was broken, for example
     *                   {@code "input after RCPT before its reply, PIPELINING not offered"}
     */
    public record Violation(int connection, String rule) {
    }

    /** Commands that must end a pipelined group: RFC 2920 section 3.1, and RFC 3207 section 4 for STARTTLS. */
    private static final Set<String> ENDS_A_GROUP = Set.of("EHLO", "DATA", "VRFY", "EXPN", "TURN", "QUIT", "NOOP",
            "STARTTLS");
    /** What a command line can start with; anything else after a refused DATA is message content. */
    private static final Set<String> VERBS = Set.of("EHLO", "HELO", "MAIL", "RCPT", "DATA", "RSET", "NOOP", "QUIT",
            "STARTTLS", "AUTH", "VRFY", "EXPN", "HELP", "TURN", "BDAT");

    private static final String KEY_STORE = "tck-smtp.p12";
    private static final String CERTIFICATE = "tck-smtp.pem";
    /** The password of the shipped test key store; it protects nothing but this test certificate. */
    private static final char[] KEY_STORE_PASSWORD = "cdimail-tck".toCharArray();

    private final ServerSocket serverSocket;
    private final boolean silent;
    private final Security security;
    private final SSLContext tls;
    private final Set<String> authMechanisms = new LinkedHashSet<>();
    private volatile String acceptedUser;
    private volatile String acceptedPassword;
    private volatile Path certificateFile;
    private volatile boolean pipelining = true;
    private final List<Authentication> authentications = new CopyOnWriteArrayList<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tck-smtp");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Set<String> deferred = ConcurrentHashMap.newKeySet();
    /** Queue ids given in replies to the final dot: {@code TCK1}, {@code TCK2}, … */
    private final AtomicInteger queueIds = new AtomicInteger();
    private final Set<String> refusedSenders = ConcurrentHashMap.newKeySet();
    private final List<Violation> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger pipelinedInputs = new AtomicInteger();
    private final List<Transaction> transactions = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    private RecordingSmtpServer(boolean silent, Security security) throws IOException {
        this.silent = silent;
        this.security = security;
        this.tls = security == Security.PLAIN ? null : serverContext();
        this.serverSocket = security == Security.IMPLICIT_TLS ? tls.getServerSocketFactory().createServerSocket()
                : new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        workers.execute(this::acceptLoop);
    }

    /**
     * Starts a server on 127.0.0.1 and a free port.
     *
     * @return the running server
     */
    public static RecordingSmtpServer start() {
        return create(false, Security.PLAIN);
    }

    /**
     * Starts a server on 127.0.0.1 and a free port that offers {@code STARTTLS}.
     *
     * @return the running server
     */
    public static RecordingSmtpServer startWithStartTls() {
        return create(false, Security.STARTTLS);
    }

    /**
     * Starts a server on 127.0.0.1 and a free port that speaks TLS from the first byte.
     *
     * @return the running server
     */
    public static RecordingSmtpServer startWithImplicitTls() {
        return create(false, Security.IMPLICIT_TLS);
    }

    /**
     * Starts a server that accepts connections and never answers: for timeout tests.
     *
     * @return the running server
     */
    public static RecordingSmtpServer startSilent() {
        return create(true, Security.PLAIN);
    }

    private static RecordingSmtpServer create(boolean silent, Security security) {
        try {
            return new RecordingSmtpServer(silent, security);
        } catch (IOException e) {
            throw new IllegalStateException(
                    SMTP_SERVER_NOT_STARTED.message("the TCK's SMTP server could not start"), e);
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
            throw new IllegalStateException(NO_FREE_PORT.message("no free loopback port"), e);
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
     * How this server protects its connections.
     *
     * @return the security
     */
    public Security security() {
        return security;
    }

    /**
     * Offers {@code AUTH} with the given mechanisms and accepts exactly these credentials;
     * other credentials get {@code 535}. Call it before a client connects.
     *
     * @param username   the accepted user name
     * @param password   the accepted password
     * @param mechanisms the mechanisms to offer, {@code PLAIN} and/or {@code LOGIN}
     * @return this server
     */
    public RecordingSmtpServer acceptLogin(String username, String password, String... mechanisms) {
        acceptedUser = username;
        acceptedPassword = password;
        for (String mechanism : mechanisms) {
            authMechanisms.add(mechanism.toUpperCase(Locale.ROOT));
        }
        return this;
    }

    /**
     * Stops offering {@code PIPELINING} in the {@code EHLO} reply, so that a client must wait for
     * each reply before its next command; any command that arrives earlier is recorded as a
     * {@link Violation}. Call it before a client connects.
     *
     * @return this server
     */
    public RecordingSmtpServer withoutPipelining() {
        pipelining = false;
        return this;
    }

    /**
     * Whether the {@code EHLO} reply offers {@code PIPELINING}.
     *
     * @return {@code true} unless {@link #withoutPipelining()} was called
     */
    public boolean offersPipelining() {
        return pipelining;
    }

    /**
     * The {@code AUTH} exchanges since the last {@link #clear()}, oldest first.
     *
     * @return an immutable snapshot
     */
    public List<Authentication> authentications() {
        return List.copyOf(authentications);
    }

    /**
     * The server's certificate as a PEM file, for a client's trust configuration
     * ({@code mail.<alias>.ssl-trust-certfile}). Written on first call; deleted by
     * {@link #close()}.
     *
     * @return the file
     */
    public synchronized Path certificateFile() {
        if (certificateFile == null) {
            try (InputStream pem = resource(CERTIFICATE)) {
                Path file = Files.createTempFile("cdimail-tck-smtp", ".pem");
                Files.write(file, pem.readAllBytes());
                certificateFile = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return certificateFile;
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
     * Makes the server answer {@code 451 4.2.1} (try again later) to {@code RCPT TO} for this
     * address (compared without case).
     *
     * @param address the bare address
     */
    public void defer(String address) {
        deferred.add(address.toLowerCase(Locale.ROOT));
    }

    /**
     * Makes the server answer {@code 550} to {@code MAIL FROM} with this address (compared
     * without case); the {@code RCPT TO} and {@code DATA} that follow it then get {@code 503}.
     *
     * @param address the bare address
     */
    public void refuseSender(String address) {
        refusedSenders.add(address.toLowerCase(Locale.ROOT));
    }

    /**
     * What clients did that the offered extensions do not allow, since the last
     * {@link #clear()}: input before a reply it had to wait for, message content after a refused
     * {@code DATA}. See the class description for how it is detected.
     *
     * @return an immutable snapshot, oldest first
     */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /**
     * How many times, since the last {@link #clear()}, a command or message content arrived
     * before the reply to the one before it was written, where {@code PIPELINING} allows it:
     * a sign that a client pipelines, never a fault.
     *
     * @return the count
     */
    public int pipelinedInputs() {
        return pipelinedInputs.get();
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

    /**
     * Forgets transactions, commands, authentications, violations, counts and refused addresses
     * and senders.
     */
    public void clear() {
        transactions.clear();
        authentications.clear();
        commands.clear();
        refused.clear();
        deferred.clear();
        refusedSenders.clear();
        violations.clear();
        pipelinedInputs.set(0);
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
        Path file = certificateFile;
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file left behind is harmless.
            }
        }
    }

    private static SSLContext serverContext() {
        try (InputStream store = resource(KEY_STORE)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(store, KEY_STORE_PASSWORD);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, KEY_STORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    TEST_CERTIFICATE_NOT_LOADED.message("the TCK's test certificate could not be loaded"), e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = RecordingSmtpServer.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing TCK resource " + name);
        }
        return in;
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket client = serverSocket.accept();
                clients.add(client);
                int number = connections.incrementAndGet();
                workers.execute(() -> serve(client, number));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client, int number) {
        try (client) {
            if (silent) {
                client.getInputStream().transferTo(OutputStream.nullOutputStream());
                return;
            }
            new Session(client, number).run();
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
        private final Socket socket;
        private final int number;
        private InputStream in;
        private OutputStream out;
        private boolean secure;
        /** Whether the last EHLO reply of this session (since STARTTLS) offered PIPELINING. */
        private boolean pipeliningOffered;
        /** Whether the line before was a DATA the server refused. */
        private boolean dataRefused;
        private String sender;
        private List<String> mailParameters = List.of();
        private final List<String> recipients = new ArrayList<>();

        Session(Socket socket, int number) throws IOException {
            this.socket = socket;
            this.number = number;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.secure = security == Security.IMPLICIT_TLS;
        }

        void run() throws IOException {
            if (in.available() > 0) {
                violations.add(new Violation(number, "input before the greeting"));
            }
            reply("220 tck.localhost cdi-mail TCK recording server");
            byte[] line;
            while ((line = readLine()) != null) {
                String command = new String(line, StandardCharsets.UTF_8).strip();
                String[] words = command.split(" ");
                String verb = words[0].toUpperCase(Locale.ROOT);
                // AUTH's initial response carries credentials: record the mechanism only.
                commands.add(verb.equals("AUTH") && words.length > 2 ? words[0] + " " + words[1] : command);
                if (dataRefused && !VERBS.contains(verb)) {
                    violations.add(new Violation(number, "message content after a refused DATA"));
                }
                dataRefused = false;
                checkEarlyInput(verb);
                switch (verb) {
                    case "EHLO" -> {
                        pipeliningOffered = pipelining;
                        reply(ehlo());
                    }
                    case "STARTTLS" -> {
                        if (security != Security.STARTTLS || secure) {
                            reply("502 5.5.1 STARTTLS not offered");
                        } else {
                            reply("220 2.0.0 ready to start TLS");
                            startTls();
                        }
                    }
                    case "AUTH" -> authenticate(words);
                    case "HELO" -> {
                        pipeliningOffered = false;
                        reply("250 tck.localhost");
                    }
                    case "MAIL" -> mail(command);
                    case "RCPT" -> recipient(addressOf(command));
                    case "DATA" -> data();
                    case "RSET" -> {
                        sender = null;
                        mailParameters = List.of();
                        recipients.clear();
                        reply("250 2.0.0 reset");
                    }
                    case "NOOP" -> reply("250 2.0.0 ok");
                    case "QUIT" -> {
                        reply("221 2.0.0 bye");
                        return;
                    }
                    default -> reply("502 5.5.1 unrecognised command");
                }
            }
        }

        /**
         * Records input that arrived after {@code verb} was read and before its reply is
         * written: the client sent it without waiting for that reply.
         */
        private void checkEarlyInput(String verb) throws IOException {
            if (in.available() <= 0) {
                return;
            }
            if (!pipeliningOffered) {
                violations.add(new Violation(number,
                        "input after " + verb + " before its reply, PIPELINING not offered"));
            } else if (ENDS_A_GROUP.contains(verb)) {
                violations.add(new Violation(number, "input after " + verb + " before its reply, " + verb
                        + " ends a pipelined group"));
            } else {
                pipelinedInputs.incrementAndGet();
            }
        }

        private String ehlo() {
            StringBuilder reply = new StringBuilder("250-tck.localhost\r\n250-8BITMIME\r\n");
            if (pipelining) {
                reply.append("250-PIPELINING\r\n");
            }
            if (security == Security.STARTTLS && !secure) {
                reply.append("250-STARTTLS\r\n");
            }
            if (!authMechanisms.isEmpty()) {
                reply.append("250-AUTH ").append(String.join(" ", authMechanisms)).append("\r\n");
            }
            return reply.append("250 SIZE 52428800").toString();
        }

        /** Layers TLS over the accepted socket (RFC 3207); the client starts over with EHLO. */
        private void startTls() throws IOException {
            SSLSocket layered = (SSLSocket) tls.getSocketFactory().createSocket(socket,
                    socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            layered.setUseClientMode(false);
            layered.startHandshake();
            in = layered.getInputStream();
            out = layered.getOutputStream();
            secure = true;
            pipeliningOffered = false; // RFC 3207 section 4.2: the client forgets what EHLO said
            sender = null;
            mailParameters = List.of();
            recipients.clear();
        }

        private void authenticate(String[] words) throws IOException {
            String mechanism = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
            if (!authMechanisms.contains(mechanism)) {
                reply("504 5.5.4 mechanism not offered");
                return;
            }
            String username;
            String password;
            if (mechanism.equals("PLAIN")) {
                String response = words.length > 2 ? words[2] : challenge("");
                String[] fields = decode(response).split("\0", -1);
                username = fields.length == 3 ? fields[1] : "";
                password = fields.length == 3 ? fields[2] : "";
            } else {
                username = decode(words.length > 2 ? words[2] : challenge("VXNlcm5hbWU6"));
                password = decode(challenge("UGFzc3dvcmQ6"));
            }
            boolean accepted = username.equals(acceptedUser) && password.equals(acceptedPassword);
            authentications.add(new Authentication(mechanism, username, password, secure, accepted));
            reply(accepted ? "235 2.7.0 authentication succeeded" : "535 5.7.8 authentication credentials invalid");
        }

        /** Sends a {@code 334} challenge and returns the client's answer line. */
        private String challenge(String text) throws IOException {
            reply("334 " + text);
            byte[] answer = readLine();
            return answer == null ? "" : new String(answer, StandardCharsets.US_ASCII).strip();
        }

        private String decode(String base64) {
            try {
                return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }

        private void mail(String command) throws IOException {
            String address = addressOf(command);
            recipients.clear();
            if (refusedSenders.contains(address.toLowerCase(Locale.ROOT))) {
                sender = null;
                mailParameters = List.of();
                reply("550 5.7.1 sender refused");
            } else {
                sender = address;
                mailParameters = parametersOf(command);
                reply("250 2.1.0 sender ok");
            }
        }

        private void recipient(String address) throws IOException {
            if (sender == null) {
                reply("503 5.5.1 MAIL first");
            } else if (refused.contains(address.toLowerCase(Locale.ROOT))) {
                reply("550 5.1.1 mailbox unavailable");
            } else if (deferred.contains(address.toLowerCase(Locale.ROOT))) {
                reply("451 4.2.1 mailbox busy, try again later");
            } else {
                recipients.add(address);
                reply("250 2.1.5 recipient ok");
            }
        }

        private void data() throws IOException {
            if (sender == null) {
                dataRefused = true;
                reply("503 5.5.1 MAIL first");
                return;
            }
            if (recipients.isEmpty()) {
                dataRefused = true;
                reply("554 5.5.1 no valid recipients"); // RFC 2920 section 3.1, RFC 5321 section 3.3
                return;
            }
            reply("354 end data with <CR><LF>.<CR><LF>");
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            byte[] line;
            while ((line = readLine()) != null) {
                if (isEndOfData(line)) {
                    // The message content may start a group (RFC 2920 section 3.1): what follows the
                    // final dot is early only where PIPELINING was not offered.
                    if (!pipeliningOffered && in.available() > 0) {
                        violations.add(new Violation(number,
                                "input after the final dot before its reply, PIPELINING not offered"));
                    }
                    transactions.add(new Transaction(sender, recipients, data.toByteArray(), secure, mailParameters));
                    sender = null;
                    mailParameters = List.of();
                    recipients.clear();
                    reply("250 2.0.0 Ok: queued as TCK" + queueIds.incrementAndGet());
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

    /** The words after the {@code <address>} of a {@code MAIL FROM} line. */
    private static List<String> parametersOf(String command) {
        int close = command.indexOf('>', Math.max(command.indexOf('<'), 0));
        if (close < 0) {
            return List.of();
        }
        String rest = command.substring(close + 1).strip();
        return rest.isEmpty() ? List.of() : List.of(rest.split(" +"));
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

package org.cdimail.impl.backend.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * An SMTP peer on 127.0.0.1 for testing {@link SmtpWire} at the byte level. Each connection follows
 * a {@link Script} (the default one, or one given for that connection number): offer PIPELINING,
 * 8BITMIME and AUTH or not, refuse chosen senders and recipients, answer DATA or the final dot
 * with a chosen code, answer 421 to a chosen command, hang up on a chosen command without
 * answering, or go silent from a chosen command on.
 *
 * <p>Replies are written as an RFC 2920 server writes them: queued, and sent only when no more
 * input is waiting. For each command the peer records whether more input was already waiting
 * when it was read (a client talking before it was answered), and for each reply how many
 * commands had been read when it was written. Every byte received is recorded.
 */
final class WirePeer implements AutoCloseable {

    /** What a connection does. Fields are volatile: set by the test thread, read by the peer's. */
    static final class Script {
        volatile boolean pipelining = true;
        volatile boolean eightBit = true;
        volatile boolean smtpUtf8;
        /** The AUTH mechanisms offered, such as "PLAIN LOGIN", or null for no AUTH. */
        volatile String auth;
        volatile int authReply = 235;
        /** The bearer tokens XOAUTH2 and OAUTHBEARER accept; any other gets 334 with an error, then 535. */
        volatile Set<String> validTokens = Set.of();
        volatile int ehloReply = 250;
        volatile Set<String> refusedSenders = Set.of();
        volatile Set<String> refusedRecipients = Set.of();
        volatile int dataReply = 354;
        volatile int dotReply = 250;
        /** The verb (MAIL, RCPT, DATA, RSET, "." for the final dot...) answered 421, then the peer hangs up. */
        volatile String answer421To;
        /** The verb on which the peer hangs up without answering. */
        volatile String closeOn;
        /** The verb from which the peer never answers again; "" for not even a greeting. */
        volatile String silentFrom;
        /** Whole reply lines to RCPT TO for chosen addresses ("450 4.2.0 busy"), over the default. */
        volatile Map<String, String> recipientReplies = Map.of();
        /** The reply line to an accepted final dot. */
        volatile String dotReplyText = "250 2.0.0 queued";
        /** Answer EHLO with "250-" lines that never end. */
        volatile boolean endlessEhlo;
        /** Send the greeting one byte at a time, this far apart; null for all at once. */
        volatile Duration dripGreeting;

        Script recipientReply(String address, String line) {
            Map<String, String> replies = new java.util.HashMap<>(recipientReplies);
            replies.put(address, line);
            this.recipientReplies = Map.copyOf(replies);
            return this;
        }

        Script dotReplyText(String line) {
            this.dotReplyText = line;
            return this;
        }

        Script endlessEhlo() {
            this.endlessEhlo = true;
            return this;
        }

        Script dripGreeting(Duration interval) {
            this.dripGreeting = interval;
            return this;
        }

        Script pipelining(boolean offered) {
            this.pipelining = offered;
            return this;
        }

        Script smtpUtf8(boolean offered) {
            this.smtpUtf8 = offered;
            return this;
        }

        Script eightBit(boolean offered) {
            this.eightBit = offered;
            return this;
        }

        Script acceptingTokens(String... tokens) {
            this.validTokens = Set.of(tokens);
            return this;
        }

        Script auth(String mechanisms, int reply) {
            this.auth = mechanisms;
            this.authReply = reply;
            return this;
        }

        Script ehloReply(int code) {
            this.ehloReply = code;
            return this;
        }

        Script refusingSenders(String... addresses) {
            this.refusedSenders = Set.of(addresses);
            return this;
        }

        Script refusingRecipients(String... addresses) {
            this.refusedRecipients = Set.of(addresses);
            return this;
        }

        Script dataReply(int code) {
            this.dataReply = code;
            return this;
        }

        Script dotReply(int code) {
            this.dotReply = code;
            return this;
        }

        Script answer421To(String verb) {
            this.answer421To = verb;
            return this;
        }

        Script closeOn(String verb) {
            this.closeOn = verb;
            return this;
        }

        Script silentFrom(String verb) {
            this.silentFrom = verb;
            return this;
        }
    }

    /** A message received in full (final dot included) and accepted, or hung up on after its dot. */
    record Delivered(int connection, String sender, List<String> recipients, String content) {
    }

    /** A reply and the number of commands the peer had read when it wrote it. */
    record Reply(String command, int code, int commandsReadWhenWritten) {
    }

    /** What happened on one connection. */
    static final class Conversation {
        final int number;
        final List<String> commands = new CopyOnWriteArrayList<>();
        /** The commands read while more input was already waiting, i.e. sent before their reply was due. */
        final List<String> earlyTalk = new CopyOnWriteArrayList<>();
        final List<Reply> replies = new CopyOnWriteArrayList<>();
        final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        volatile boolean ended;
        /** Whether the client went away in the middle of a message's content. */
        volatile boolean endedInData;
        /** Whether a content line ended with a bare LF, or held a bare CR. */
        volatile boolean bareLineEnding;

        Conversation(int number) {
            this.number = number;
        }

        String raw() {
            synchronized (raw) {
                return raw.toString(StandardCharsets.ISO_8859_1);
            }
        }

        /** The commands starting with {@code prefix}, case-insensitive. */
        List<String> commandsStartingWith(String prefix) {
            return commands.stream().filter(c -> c.toUpperCase(Locale.ROOT).startsWith(prefix)).toList();
        }
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<Conversation> conversations = new CopyOnWriteArrayList<>();
    private final List<Delivered> delivered = new CopyOnWriteArrayList<>();
    private final List<String> authentications = new CopyOnWriteArrayList<>();
    private final Map<Integer, Script> scripts = new ConcurrentHashMap<>();
    private final Script defaults = new Script();
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

    WirePeer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::acceptLoop);
    }

    /** The script of every connection without one of its own. */
    Script script() {
        return defaults;
    }

    /** The script of connection {@code number} (from 1), replacing the default for it. */
    Script script(int number) {
        return scripts.computeIfAbsent(number, n -> new Script());
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return conversations.size();
    }

    /** Connection {@code number}, from 1, once accepted (waits up to 10 s). */
    Conversation conversation(int number) {
        await(() -> conversations.size() >= number, "connection " + number);
        return conversations.get(number - 1);
    }

    List<Delivered> delivered() {
        return List.copyOf(delivered);
    }

    /** "PLAIN:" and the decoded response, or "LOGIN:user:password", for each AUTH. */
    List<String> authentications() {
        return List.copyOf(authentications);
    }

    /** Every command of every connection, in connection order. */
    List<String> allCommands() {
        List<String> all = new ArrayList<>();
        conversations.forEach(c -> all.addAll(c.commands));
        return all;
    }

    /** Waits up to 10 s for {@code condition}, polling it. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos()); // polls the condition, not a fixed delay
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                clients.add(socket);
                Conversation conversation = new Conversation(conversations.size() + 1);
                Script script = scripts.getOrDefault(conversation.number, defaults);
                conversations.add(conversation);
                threads.submit(() -> serve(socket, conversation, script));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket, Conversation conversation, Script script) {
        try (socket) {
            new Session(socket, conversation, script).run();
        } catch (IOException e) {
            // The client went away.
        } finally {
            conversation.ended = true;
        }
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

    /** One connection's conversation. */
    private final class Session {
        private final Conversation conversation;
        private final Script script;
        private final InputStream in;
        private final OutputStream out;
        private final List<String> pending = new ArrayList<>();
        private final List<Reply> pendingReplies = new ArrayList<>();
        private String sender;
        private final List<String> recipients = new ArrayList<>();
        private boolean silent;

        Session(Socket socket, Conversation conversation, Script script) throws IOException {
            this.conversation = conversation;
            this.script = script;
            this.in = new BufferedInputStream(new Recording(socket.getInputStream(), conversation.raw));
            this.out = socket.getOutputStream();
        }

        void run() throws IOException {
            if ("".equals(script.silentFrom)) {
                silent = true;
            } else if (script.dripGreeting != null) {
                drip("220 wire.test ESMTP\r\n", script.dripGreeting);
            } else {
                queue("greeting", 220, "220 wire.test ESMTP");
                flush();
            }
            while (true) {
                byte[] bytes = readLine();
                if (bytes == null) {
                    return;
                }
                String line = new String(bytes, StandardCharsets.ISO_8859_1);
                if (!command(line)) {
                    return;
                }
                if (!silent && in.available() == 0) {
                    flush();
                }
            }
        }

        /** Handles one command; returns false to hang up. */
        private boolean command(String line) throws IOException {
            read(line);
            if (silent) {
                return true;
            }
            String upper = line.toUpperCase(Locale.ROOT);
            String verb = upper.split("[ :]", 2)[0];
            if (verb.equals(script.silentFrom)) {
                flush();
                silent = true;
                return true;
            }
            if (verb.equals(script.closeOn)) {
                flush();
                return false;
            }
            if (verb.equals(script.answer421To)) {
                queue(line, 421, "421 4.3.2 wire.test closing");
                flush();
                return false;
            }
            switch (verb) {
                case "EHLO" -> ehlo(line);
                case "HELO" -> {
                    reset();
                    queue(line, 250, "250 wire.test");
                }
                case "AUTH" -> auth(line);
                case "MAIL" -> mail(line);
                case "RCPT" -> rcpt(line);
                case "DATA" -> {
                    return data(line);
                }
                case "RSET", "NOOP" -> {
                    reset();
                    queue(line, 250, "250 2.0.0 ok");
                }
                case "QUIT" -> {
                    queue(line, 221, "221 bye");
                    flush();
                    return false;
                }
                default -> queue(line, 502, "502 5.5.2 not recognized");
            }
            return true;
        }

        private void read(String line) throws IOException {
            conversation.commands.add(line);
            if (in.available() > 0) {
                conversation.earlyTalk.add(line);
            }
        }

        /** Writes {@code text} a byte at a time, {@code interval} apart, until done or the peer closes. */
        private void drip(String text, Duration interval) throws IOException {
            for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
                out.write(b);
                out.flush();
                try {
                    if (closed.await(interval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /** "250-" lines until the client goes away. */
        private void endlessEhlo() throws IOException {
            byte[] lines = "250-X-ENDLESS extension line of a hostile server\r\n".repeat(64)
                    .getBytes(StandardCharsets.ISO_8859_1);
            while (closed.getCount() > 0) {
                out.write(lines);
            }
        }

        private void ehlo(String line) throws IOException {
            reset();
            if (script.endlessEhlo) {
                endlessEhlo();
                return;
            }
            if (script.ehloReply != 250) {
                queue(line, script.ehloReply, script.ehloReply + " 5.5.2 not recognized");
                return;
            }
            StringBuilder reply = new StringBuilder("250-wire.test greets you\r\n");
            if (script.pipelining) {
                reply.append("250-PIPELINING\r\n");
            }
            if (script.smtpUtf8) {
                reply.append("250-SMTPUTF8\r\n");
            }
            if (script.eightBit) {
                reply.append("250-8BITMIME\r\n");
            }
            if (script.auth != null) {
                reply.append("250-AUTH ").append(script.auth).append("\r\n");
            }
            reply.append("250 SIZE 10240000");
            queue(line, 250, reply.toString());
        }

        private void auth(String line) throws IOException {
            String[] words = line.split(" ");
            if (script.auth == null || words.length < 2) {
                queue(line, 502, "502 5.5.1 no AUTH here");
                return;
            }
            if (words[1].equalsIgnoreCase("PLAIN")) {
                String response = words.length > 2 ? words[2] : challenge("");
                authentications.add("PLAIN:" + decode(response));
            } else if (words[1].equalsIgnoreCase("LOGIN")) {
                String user = decode(challenge("VXNlcm5hbWU6"));
                String password = decode(challenge("UGFzc3dvcmQ6"));
                authentications.add("LOGIN:" + user + ":" + password);
            } else if (words[1].equalsIgnoreCase("XOAUTH2") || words[1].equalsIgnoreCase("OAUTHBEARER")) {
                String response = decode(words.length > 2 ? words[2] : challenge(""));
                authentications.add(words[1].toUpperCase(Locale.ROOT) + ":" + response);
                int at = response.indexOf("auth=Bearer ");
                String token = at < 0 ? "" : response.substring(at + 12, response.indexOf('\u0001', at));
                if (script.validTokens.contains(token)) {
                    queue(line, 235, "235 2.7.0 accepted");
                    return;
                }
                String error = "{\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}";
                authentications.add("END:" + challenge(Base64.getEncoder().encodeToString(
                        error.getBytes(StandardCharsets.UTF_8))));
                queue("AUTH", 535, "535 5.7.8 Username and Password not accepted");
                return;
            } else {
                queue(line, 504, "504 5.5.4 mechanism not supported");
                return;
            }
            queue(line, script.authReply, script.authReply + (script.authReply == 235 ? " 2.7.0 ok" : " 5.7.8 no"));
        }

        private String challenge(String prompt) throws IOException {
            queue("AUTH", 334, "334 " + prompt);
            flush();
            byte[] bytes = readLine();
            if (bytes == null) {
                throw new IOException("the client went away during AUTH");
            }
            String response = new String(bytes, StandardCharsets.ISO_8859_1);
            read(response);
            return response;
        }

        private void mail(String line) {
            if (sender != null) {
                queue(line, 503, "503 5.5.1 nested MAIL command");
                return;
            }
            String address = address(line);
            if (script.refusedSenders.contains(address)) {
                queue(line, 550, "550 5.7.1 sender refused");
                return;
            }
            sender = address;
            queue(line, 250, "250 2.1.0 ok");
        }

        private void rcpt(String line) {
            if (sender == null) {
                queue(line, 503, "503 5.5.1 need MAIL first");
                return;
            }
            String address = address(line);
            if (script.refusedRecipients.contains(address)) {
                queue(line, 550, "550 5.1.1 mailbox unavailable");
                return;
            }
            String scripted = script.recipientReplies.get(address);
            if (scripted != null && !scripted.startsWith("25")) {
                queue(line, Integer.parseInt(scripted.substring(0, 3)), scripted);
                return;
            }
            recipients.add(address);
            queue(line, 250, "250 2.1.5 ok");
        }

        private boolean data(String line) throws IOException {
            if (sender == null) {
                queue(line, 503, "503 5.5.1 need MAIL first");
                return true;
            }
            if (recipients.isEmpty()) {
                queue(line, 554, "554 5.5.1 no valid recipients");
                return true;
            }
            if (script.dataReply != 354) {
                queue(line, script.dataReply, script.dataReply + " 5.3.0 not now");
                return true;
            }
            queue(line, 354, "354 end with <CRLF>.<CRLF>");
            flush();
            String content = content();
            if (content == null) {
                conversation.endedInData = true;
                return false;
            }
            read(".");
            if (".".equals(script.silentFrom)) {
                silent = true;
                return true;
            }
            Delivered message = new Delivered(conversation.number, sender, List.copyOf(recipients), content);
            reset();
            if (".".equals(script.closeOn)) {
                delivered.add(message); // the server has it; the client never hears so
                return false;
            }
            if (".".equals(script.answer421To)) {
                queue(".", 421, "421 4.3.2 closing");
                flush();
                return false;
            }
            if (script.dotReply == 250) {
                delivered.add(message);
                queue(".", 250, script.dotReplyText);
            } else {
                queue(".", script.dotReply, script.dotReply + " 4.3.0 not taken");
            }
            return true;
        }

        /** Reads the content up to its final dot, un-stuffed, CRLF line ends; null if the client went away. */
        private String content() throws IOException {
            StringBuilder content = new StringBuilder();
            while (true) {
                byte[] bytes = readLineKeepingEnd();
                if (bytes == null) {
                    return null;
                }
                int length = bytes.length;
                boolean crlf = length >= 2 && bytes[length - 2] == '\r' && bytes[length - 1] == '\n';
                if (!crlf) {
                    conversation.bareLineEnding = true;
                    if (bytes[length - 1] != '\n') {
                        return null; // ended mid-line
                    }
                }
                String text = new String(bytes, 0, length - (crlf ? 2 : 1), StandardCharsets.ISO_8859_1);
                if (text.indexOf('\r') >= 0) {
                    conversation.bareLineEnding = true;
                }
                if (text.equals(".")) {
                    return content.toString();
                }
                content.append(text.startsWith(".") ? text.substring(1) : text).append("\r\n");
            }
        }

        private void reset() {
            sender = null;
            recipients.clear();
        }

        private void queue(String command, int code, String text) {
            pending.add(text);
            pendingReplies.add(new Reply(command, code, -1));
        }

        private void flush() throws IOException {
            if (pending.isEmpty()) {
                return;
            }
            StringBuilder all = new StringBuilder();
            pending.forEach(text -> all.append(text).append("\r\n"));
            int read = conversation.commands.size();
            pendingReplies.forEach(r -> conversation.replies.add(new Reply(r.command(), r.code(), read)));
            pending.clear();
            pendingReplies.clear();
            out.write(all.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        /** A line without its line end, or null at the end of the stream. */
        private byte[] readLine() throws IOException {
            byte[] bytes = readLineKeepingEnd();
            if (bytes == null) {
                return null;
            }
            int length = bytes.length;
            if (length > 0 && bytes[length - 1] == '\n') {
                length--;
                if (length > 0 && bytes[length - 1] == '\r') {
                    length--;
                }
            }
            byte[] line = new byte[length];
            System.arraycopy(bytes, 0, line, 0, length);
            return line;
        }

        /** A line with its LF (and CR), what there is of it at the end of the stream, or null if nothing. */
        private byte[] readLineKeepingEnd() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return line.size() == 0 ? null : line.toByteArray();
                }
                line.write(b);
                if (b == '\n') {
                    return line.toByteArray();
                }
            }
        }
    }

    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open);
        return open < 0 || close < 0 ? "" : line.substring(open + 1, close);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
    }

    /** Copies every byte read into {@code copy}. */
    private static final class Recording extends FilterInputStream {
        private final ByteArrayOutputStream copy;

        Recording(InputStream in, ByteArrayOutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                synchronized (copy) {
                    copy.write(b);
                }
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            if (n > 0) {
                synchronized (copy) {
                    copy.write(bytes, offset, n);
                }
            }
            return n;
        }
    }
}

package org.cdimail.impl.backend.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * An SMTP peer on 127.0.0.1 where every connection misbehaves according to a {@link Plan} drawn
 * for its number: after some transaction commands it answers {@code 421} and hangs up, hangs up
 * without answering (closing cleanly or resetting, with or without sending the replies it had
 * queued), or hangs up right after a final dot having queued the message; along the way it may
 * refuse recipients ({@code 550}) and final dots ({@code 451}/{@code 554}).
 *
 * <p>It records every mail transaction (from {@code MAIL FROM} to its end) with how it ended,
 * from the server's side: which final dots it read, which it accepted, and whether the reply to
 * each final dot was ever written to the client. Replies are queued and written only when no
 * more input is waiting, as an RFC 2920 server does; a hang-up that discards the queue makes
 * the client lose replies, including a {@code 250} for a message the server keeps.
 */
final class ChaosPeer implements AutoCloseable {

    /** How a misbehaving connection ends. */
    enum Ending {
        /** Answers 421 to the trigger command (a final dot included), then hangs up cleanly. */
        ANSWER_421,
        /** Hangs up on the trigger command without answering it. */
        HANG_UP,
        /** Hangs up right after reading the first final dot from the trigger on, keeping that message. */
        HANG_UP_AFTER_DOT
    }

    /**
     * What one connection does.
     *
     * @param ending          how it ends, or {@code null} to behave until the client leaves
     * @param triggerAt       the transaction command (MAIL, RCPT, DATA, final dot; from 1) that ends it
     * @param flushFirst      whether the replies queued before the trigger are written before hanging up
     * @param reset           whether it hangs up with a TCP reset instead of a clean close
     * @param refuseRecipient the chance that a recipient is refused with 550
     * @param refuseDot       the chance that a final dot is answered 451 or 554
     * @param seed            the seed of this connection's draws
     */
    record Plan(Ending ending, int triggerAt, boolean flushFirst, boolean reset, double refuseRecipient,
            double refuseDot, long seed) {

        static Plan behave(double refuseRecipient, double refuseDot, long seed) {
            return new Plan(null, Integer.MAX_VALUE, true, false, refuseRecipient, refuseDot, seed);
        }
    }

    /** How a transaction ended, seen from the server. */
    enum End {
        /** Still open: the connection has not ended yet. */
        OPEN,
        /** The final dot was answered 250 (the client may not have got the reply: see dotReplyWritten). */
        ACCEPTED,
        /** The final dot was answered 451 or 554. */
        DOT_REFUSED,
        /** The final dot was answered 421, then the peer hung up. */
        DOT_421,
        /** The peer hung up on the final dot without answering, and did not keep the message. */
        HUNG_UP_AT_DOT,
        /** The peer hung up right after the final dot without answering, and kept the message. */
        HUNG_UP_AFTER_DOT,
        /** The peer ended the connection (421 or hang-up) before the final dot. */
        DROPPED,
        /** Ended by RSET, QUIT, the next MAIL or the client leaving, with every recipient refused. */
        ALL_REFUSED,
        /** The client went away (or reset) before the final dot, with some recipient accepted. */
        ABANDONED
    }

    /** One mail transaction on one connection. */
    static final class Transaction {
        final long sequence;
        final int connection;
        final String sender;
        final List<String> recipients = new ArrayList<>();
        final List<String> refused = new ArrayList<>();
        /** The transaction whose final dot's reply was still queued when this one's MAIL FROM was read. */
        final Transaction begunWithDotOf;
        volatile End end = End.OPEN;
        volatile boolean dotRead;
        volatile int dotCode;
        /** Whether the reply to the final dot was written to the client. */
        volatile boolean dotReplyWritten;
        volatile String content;

        Transaction(long sequence, int connection, String sender, Transaction begunWithDotOf) {
            this.sequence = sequence;
            this.connection = connection;
            this.sender = sender;
            this.begunWithDotOf = begunWithDotOf;
        }

        /** Whether the server keeps the message. */
        boolean kept() {
            return end == End.ACCEPTED || end == End.HUNG_UP_AFTER_DOT;
        }

        /** Whether the client learnt that the server accepted the message. */
        boolean acceptanceSeen() {
            return end == End.ACCEPTED && dotReplyWritten;
        }

        /**
         * Whether the client sent these commands as the next message's in the same write as a
         * final dot that never got its reply: the client lost that connection while sending the
         * other message, so this one had not been tried yet.
         */
        boolean begunOnLostConnection() {
            return begunWithDotOf != null && !begunWithDotOf.dotReplyWritten;
        }

        @Override
        public String toString() {
            return "#" + sequence + "@c" + connection + "[" + end + (dotRead ? " dot=" + dotCode : "")
                    + (dotReplyWritten ? " replied" : "") + (begunWithDotOf != null ? " begunWith#"
                    + begunWithDotOf.sequence : "") + " rcpt=" + recipients.size() + " refused=" + refused.size()
                    + "]";
        }
    }

    /** What happened on one connection. */
    static final class Conversation {
        final int number;
        final Plan plan;
        /** Every line read outside message content, in order. */
        final List<String> commands = new CopyOnWriteArrayList<>();
        /** Replies the peer found out of order (503, 502): the client got out of step. */
        final List<String> protocolErrors = new CopyOnWriteArrayList<>();
        /** Whether the peer hung up (as planned). */
        volatile boolean peerHungUp;
        /** Whether the client closed its side, or either side reset the connection: nothing is left open. */
        volatile boolean ended;
        /** Whether the client ended it with QUIT. */
        volatile boolean quit;

        Conversation(int number, Plan plan) {
            this.number = number;
            this.plan = plan;
        }

        @Override
        public String toString() {
            return "c" + number + plan + (peerHungUp ? " peer-hung-up" : "") + (quit ? " quit" : "")
                    + (ended ? " ended" : " OPEN");
        }
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<Conversation> conversations = new CopyOnWriteArrayList<>();
    private final List<Transaction> transactions = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final boolean pipelining;
    private final IntFunction<Plan> plans;

    /**
     * @param pipelining whether EHLO offers PIPELINING
     * @param plans      the plan of connection {@code n} (from 1)
     */
    ChaosPeer(boolean pipelining, IntFunction<Plan> plans) throws IOException {
        this.pipelining = pipelining;
        this.plans = plans;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    List<Conversation> conversations() {
        return List.copyOf(conversations);
    }

    List<Transaction> transactions() {
        return List.copyOf(transactions);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                clients.add(socket);
                Conversation conversation;
                synchronized (conversations) {
                    int number = conversations.size() + 1;
                    conversation = new Conversation(number, plans.apply(number));
                    conversations.add(conversation);
                }
                threads.submit(() -> serve(socket, conversation));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket, Conversation conversation) {
        Session session = null;
        try {
            session = new Session(socket, conversation);
            session.run();
        } catch (SocketTimeoutException e) {
            // The client kept the connection open without a word for 10 s: left not ended.
        } catch (IOException e) {
            conversation.ended = true; // reset, or written to after the client closed
        } finally {
            if (session != null) {
                session.clientLeft();
            }
            try {
                socket.close();
            } catch (IOException e) {
                // Closing is all that can be done.
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket client : clients) {
            client.close();
        }
        threads.shutdownNow();
    }

    /** A queued reply; {@code dotOf} is the transaction whose final dot it answers, if any. */
    private record Pending(String text, Transaction dotOf) {
    }

    /** One connection's conversation. */
    private final class Session {
        private final Socket socket;
        private final Conversation conversation;
        private final Plan plan;
        private final Random random;
        private final InputStream in;
        private final OutputStream out;
        private final List<Pending> pending = new ArrayList<>();
        private Transaction current;
        /** The last transaction whose final dot was read, while its reply is queued. */
        private Transaction lastDot;
        private int transactionCommands;

        Session(Socket socket, Conversation conversation) throws IOException {
            this.socket = socket;
            this.conversation = conversation;
            this.plan = conversation.plan;
            this.random = new Random(plan.seed());
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
            socket.setSoTimeout(10_000);
        }

        void run() throws IOException {
            queue("220 chaos.test ESMTP", null);
            flush();
            while (true) {
                String line = readLine();
                if (line == null) {
                    conversation.ended = true;
                    return;
                }
                conversation.commands.add(line);
                if (!command(line)) {
                    return;
                }
                if (in.available() == 0) {
                    flush();
                }
            }
        }

        /** Handles one command; returns false once the connection is over. */
        private boolean command(String line) throws IOException {
            String verb = line.toUpperCase(Locale.ROOT).split("[ :]", 2)[0];
            boolean transactional = verb.equals("MAIL") || verb.equals("RCPT") || verb.equals("DATA");
            if (verb.equals("MAIL")) {
                if (current != null) {
                    conversation.protocolErrors.add("MAIL within a transaction");
                }
                endCurrent(null);
                Transaction begunWith = lastDot != null && !lastDot.dotReplyWritten ? lastDot : null;
                current = new Transaction(sequence.incrementAndGet(), conversation.number, address(line), begunWith);
                transactions.add(current);
            }
            if (transactional && ++transactionCommands >= plan.triggerAt()) {
                if (plan.ending() == Ending.ANSWER_421) {
                    drop(line, null);
                    return false;
                }
                if (plan.ending() == Ending.HANG_UP) {
                    hangUp(End.DROPPED);
                    return false;
                }
            }
            switch (verb) {
                case "EHLO" -> {
                    endCurrent(null);
                    queue("250-chaos.test greets you\r\n" + (pipelining ? "250-PIPELINING\r\n" : "")
                            + "250-8BITMIME\r\n250 SIZE 10240000", null);
                }
                case "MAIL" -> queue("250 2.1.0 ok", null);
                case "RCPT" -> rcpt(line);
                case "DATA" -> {
                    return data();
                }
                case "RSET" -> {
                    endCurrent(null);
                    queue("250 2.0.0 ok", null);
                }
                case "NOOP" -> queue("250 2.0.0 ok", null);
                case "QUIT" -> {
                    endCurrent(null);
                    conversation.quit = true;
                    queue("221 bye", null);
                    flush();
                    drainUntilClientLeaves();
                    return false;
                }
                default -> error("502 5.5.2 not recognized: " + verb);
            }
            return true;
        }

        private void rcpt(String line) {
            if (current == null) {
                error("503 5.5.1 need MAIL first");
                return;
            }
            String address = address(line);
            current.recipients.add(address);
            if (random.nextDouble() < plan.refuseRecipient()) {
                current.refused.add(address);
                queue("550 5.1.1 mailbox unavailable", null);
            } else {
                queue("250 2.1.5 ok", null);
            }
        }

        private boolean data() throws IOException {
            if (current == null) {
                error("503 5.5.1 need MAIL first");
                return true;
            }
            if (current.recipients.size() == current.refused.size()) {
                queue("554 5.5.1 no valid recipients", null);
                return true;
            }
            queue("354 end with <CRLF>.<CRLF>", null);
            flush();
            String content = content();
            if (content == null) {
                conversation.ended = true;
                return false; // the client went away in the middle: clientLeft() ends the transaction
            }
            conversation.commands.add(".");
            Transaction message = current;
            message.content = content;
            message.dotRead = true;
            current = null;
            if (++transactionCommands >= plan.triggerAt() && plan.ending() != null) {
                switch (plan.ending()) {
                    case ANSWER_421 -> {
                        message.end = End.DOT_421;
                        message.dotCode = 421;
                        drop(".", message);
                    }
                    case HANG_UP -> hangUpAtDot(message, End.HUNG_UP_AT_DOT);
                    case HANG_UP_AFTER_DOT -> hangUpAtDot(message, End.HUNG_UP_AFTER_DOT);
                    default -> throw new IllegalStateException();
                }
                return false;
            }
            if (random.nextDouble() < plan.refuseDot()) {
                int code = random.nextBoolean() ? 451 : 554;
                message.end = End.DOT_REFUSED;
                message.dotCode = code;
                queue(code + " 4.3.0 not taken", message);
            } else {
                message.end = End.ACCEPTED;
                message.dotCode = 250;
                queue("250 2.0.0 queued", message);
            }
            lastDot = message;
            return true;
        }

        private void hangUpAtDot(Transaction message, End end) throws IOException {
            message.end = end;
            hangUp(null);
        }

        /**
         * Answers 421 to {@code command} (after the queued replies, or instead of them) and hangs up;
         * {@code dot} is the transaction when the command is its final dot.
         */
        private void drop(String command, Transaction dot) throws IOException {
            if (!plan.flushFirst()) {
                pending.clear();
            }
            queue("421 4.3.2 chaos.test closing (" + command.split(" ", 2)[0] + ")", dot);
            flush();
            hangUp(End.DROPPED);
        }

        /** Ends the open transaction as {@code end} and hangs up as planned. */
        private void hangUp(End end) throws IOException {
            if (end != null) {
                endCurrent(end);
            }
            conversation.peerHungUp = true;
            if (plan.flushFirst()) {
                flush();
            } else {
                pending.clear();
            }
            if (plan.reset()) {
                socket.setSoLinger(true, 0);
                socket.close(); // a reset: nothing is left open on either side
                conversation.ended = true;
                return;
            }
            socket.shutdownOutput();
            drainUntilClientLeaves();
        }

        /** Reads and ignores whatever the client still sends, until it closes its side. */
        private void drainUntilClientLeaves() throws IOException {
            byte[] ignored = new byte[8192];
            while (in.read(ignored) >= 0) {
                // Commands after the hang-up reach no one.
            }
            conversation.ended = true;
        }

        /** The client is gone (or the peer hung up): an open transaction ends. */
        void clientLeft() {
            endCurrent(null);
        }

        private void endCurrent(End end) {
            Transaction open = current;
            current = null;
            if (open == null || open.end != End.OPEN) {
                return;
            }
            if (end != null) {
                open.end = end;
            } else if (!open.recipients.isEmpty() && open.recipients.size() == open.refused.size()) {
                open.end = End.ALL_REFUSED;
            } else {
                open.end = End.ABANDONED;
            }
        }

        private void error(String reply) {
            conversation.protocolErrors.add(reply);
            queue(reply, null);
        }

        private void queue(String text, Transaction dotOf) {
            pending.add(new Pending(text, dotOf));
        }

        private void flush() throws IOException {
            if (pending.isEmpty()) {
                return;
            }
            StringBuilder all = new StringBuilder();
            pending.forEach(reply -> all.append(reply.text()).append("\r\n"));
            out.write(all.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (Pending reply : pending) {
                if (reply.dotOf() != null) {
                    reply.dotOf().dotReplyWritten = true;
                }
            }
            pending.clear();
            if (lastDot != null && lastDot.dotReplyWritten) {
                lastDot = null;
            }
        }

        /** The content up to the final dot, un-stuffed; null if the client went away first. */
        private String content() throws IOException {
            StringBuilder content = new StringBuilder();
            while (true) {
                String line = readLine();
                if (line == null) {
                    return null;
                }
                if (line.equals(".")) {
                    return content.toString();
                }
                content.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
            }
        }

        /** A line without its line end, or null at the end of the stream. */
        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
                }
                line.write(b);
            }
        }
    }

    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open);
        return open < 0 || close < 0 ? "" : line.substring(open + 1, close);
    }
}

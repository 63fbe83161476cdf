package org.cdimail.impl.backend.smtp;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.impl.mime.Envelope;

/**
 * cdi-mail's own SMTP client connection (RFC 5321): greeting, {@code EHLO} (or {@code HELO}),
 * {@code STARTTLS} (RFC 3207), {@code AUTH PLAIN} or {@code LOGIN} (RFC 4954), then mail
 * transactions until {@link #close()}.
 *
 * <p>Why not Jakarta Mail's transport: it waits for a reply after every command, four round
 * trips per message, and with several connections on two cores the waiting costs more CPU than
 * the mail. When the server offers {@code PIPELINING} (RFC 2920) a transaction here is two round
 * trips whatever the number of recipients: {@code MAIL FROM}, every {@code RCPT TO} and
 * {@code DATA} go out together, then the content and its final dot. Without {@code PIPELINING}
 * each command waits for its reply. {@code BODY=8BITMIME} is declared whenever the server offers
 * 8BITMIME (RFC 6152), since rendered parts may be 8bit.
 *
 * <p>Failures: a refusal of the sender, of recipients, of {@code DATA} or of the content is a
 * {@link SendFailedException} with the accepted and refused recipients, and the connection stays
 * usable (the next transaction starts with {@code RSET}). A broken connection (I/O error, end of
 * stream, a {@code 421} reply, a timeout) is a {@link ConnectionLostException}, after which the
 * connection is closed; {@link #contentSent()} says whether the server had the whole message. A
 * message whose content cannot be read (an attached file failing) aborts the connection without
 * the final dot, so the server discards what it got, and is thrown unchecked.
 *
 * <p>Timeouts: connecting, every read and every write are bounded by the alias's
 * {@code mail.timeout}. Not thread-safe.
 */
final class SmtpWire implements AutoCloseable {

    /** Headers never transmitted, as Jakarta Mail's transport leaves them out. */
    private static final String[] NOT_TRANSMITTED = { "Bcc", "Content-Length" };
    private static final int MAX_REPLY_BYTES = 64 * 1024;

    /** Where and how to connect. */
    record Endpoint(String host, int port, long timeoutMillis, SSLSocketFactory tls, boolean implicitTls,
            boolean startTls) {
    }

    /** A broken connection: the server has nothing of a message whose content was not sent in full. */
    static final class ConnectionLostException extends MessagingException {
        private static final long serialVersionUID = 1L;
        private final boolean contentSent;

        ConnectionLostException(String message, Exception cause, boolean contentSent) {
            super(message, cause);
            this.contentSent = contentSent;
        }

        /** Whether the whole message, final dot included, had been written: the server may have it. */
        boolean contentSent() {
            return contentSent;
        }
    }

    /** A refusal by the server, with its reply code (never its text, which can echo an address). */
    static final class RefusedException extends MessagingException {
        private static final long serialVersionUID = 1L;
        private final int code;

        RefusedException(String command, int code) {
            super("CDIMAIL-00290: the SMTP server answered " + code + " to " + command);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    private final Endpoint endpoint;
    private Socket socket;
    private InputStream in;
    private Buffer out;
    private DeadlineOutputStream timed;
    /** Where the current message's final dot ends in the output, once written to the buffer; else -1. */
    private long dotEnd = -1;
    private final Set<String> extensions = new HashSet<>();
    private final List<String> authMechanisms = new ArrayList<>();
    private boolean open;
    private boolean resetFirst;
    private boolean contentSent;
    /** The transaction whose commands are written but whose replies are not read yet. */
    private Envelope begun;
    /** Whether the current transaction is writing the message content (after 354, before the dot). */
    private boolean writingContent;
    private final byte[] line = new byte[MAX_REPLY_BYTES];
    /** Replies as read from the socket, not yet parsed: {@code readAt} to {@code readEnd}. */
    private final byte[] readBuffer = new byte[8192];
    private int readAt;
    private int readEnd;

    private SmtpWire(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Connects, says hello, starts TLS when required and logs in when {@code user} is set.
     *
     * @param user     the user name, or {@code null} for no {@code AUTH}
     * @param password the password, when {@code user} is set
     * @throws AuthenticationFailedException if the server refused the credentials
     * @throws MessagingException            if the connection or the handshake failed
     */
    static SmtpWire connect(Endpoint endpoint, String user, String password) throws MessagingException {
        SmtpWire wire = new SmtpWire(endpoint);
        try {
            wire.handshake(user, password);
            return wire;
        } catch (IOException e) {
            wire.abort();
            throw new MessagingException("CDIMAIL-00291: could not connect: " + e.getClass().getSimpleName(), e);
        } catch (MessagingException | RuntimeException e) {
            wire.abort();
            throw e;
        }
    }

    private void handshake(String user, String password) throws IOException, MessagingException {
        Socket plain = new Socket();
        socket = plain;
        plain.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), timeoutMillis());
        plain.setTcpNoDelay(true);
        plain.setSoTimeout(timeoutMillis());
        if (endpoint.implicitTls()) {
            layerTls();
        }
        streams();
        open = true;
        expect("the greeting", 220);
        hello();
        if (endpoint.startTls()) {
            if (!extensions.contains("STARTTLS")) {
                throw new MessagingException("CDIMAIL-00292: TLS is required (use-tls) but the SMTP server does not"
                        + " offer STARTTLS");
            }
            command("STARTTLS");
            expect("STARTTLS", 220);
            layerTls();
            streams();
            hello();
        }
        if (user != null) {
            authenticate(user, password == null ? "" : password);
        }
    }

    private int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, endpoint.timeoutMillis()));
    }

    private void layerTls() throws IOException {
        SSLSocket tls = (SSLSocket) endpoint.tls().createSocket(socket, endpoint.host(), endpoint.port(), true);
        socket = tls;
        tls.setSoTimeout(timeoutMillis());
        tls.startHandshake();
    }

    private void streams() throws IOException {
        in = socket.getInputStream();
        // After STARTTLS, anything the server sent in plain text beyond its 220 is dropped unread
        // (RFC 3207 5: an injected reply must not be taken for one sent over TLS).
        readAt = 0;
        readEnd = 0;
        timed = new DeadlineOutputStream(socket.getOutputStream(), socket, endpoint.timeoutMillis());
        out = new Buffer(timed);
    }

    private void hello() throws IOException, MessagingException {
        String name = HelloName.of(socket);
        command("EHLO " + name);
        List<String> lines = new ArrayList<>();
        int code = reply(lines);
        extensions.clear();
        authMechanisms.clear();
        if (code == 250) {
            for (String extension : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] words = extension.toUpperCase(Locale.ROOT).split("[ =]+");
                extensions.add(words[0]);
                if (words[0].equals("AUTH")) {
                    for (int i = 1; i < words.length; i++) {
                        authMechanisms.add(words[i]);
                    }
                }
            }
            return;
        }
        if (code == 421) {
            throw lost("EHLO", null);
        }
        // An old server: RFC 5321 4.1.1.1 says fall back to HELO, and offer nothing.
        command("HELO " + name);
        expect("HELO", 250);
    }

    private void authenticate(String user, String password) throws IOException, MessagingException {
        if (authMechanisms.contains("PLAIN")) {
            String response = base64("\0" + user + "\0" + password);
            command("AUTH PLAIN " + response);
            int code = reply(null);
            if (code == 334) { // a server that wants the response on a line of its own
                command(response);
                code = reply(null);
            }
            authenticated(code);
        } else if (authMechanisms.contains("LOGIN")) {
            command("AUTH LOGIN");
            int code = reply(null);
            if (code == 334) {
                command(base64(user));
                code = reply(null);
            }
            if (code == 334) {
                command(base64(password));
                code = reply(null);
            }
            authenticated(code);
        } else {
            throw new MessagingException("CDIMAIL-00293: credentials are configured but the SMTP server offers no"
                    + " AUTH mechanism cdi-mail speaks (PLAIN or LOGIN)" + (authMechanisms.isEmpty() ? ""
                    : "; it offers " + String.join(" ", authMechanisms)));
        }
    }

    private void authenticated(int code) throws MessagingException {
        if (code == 235) {
            return;
        }
        if (code == 421) {
            throw lost("AUTH", null);
        }
        if (code >= 500) {
            throw new AuthenticationFailedException("CDIMAIL-00294: the SMTP server answered " + code + " to AUTH");
        }
        throw new RefusedException("AUTH", code);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the server offered {@code PIPELINING}. */
    boolean pipelining() {
        return extensions.contains("PIPELINING");
    }

    /** Whether the connection can carry another transaction, as far as this side knows. */
    boolean isOpen() {
        return open;
    }

    /**
     * One mail transaction, with no message to follow it in the same write.
     *
     * @see #send(Envelope, MimeMessage, Supplier)
     */
    void send(InternetAddress sender, List<InternetAddress> recipients, MimeMessage message)
            throws MessagingException {
        send(new Envelope(sender, recipients), message, null);
    }

    /**
     * One mail transaction. With {@code PIPELINING}, when {@code next} gives the envelope of the
     * message to send after this one, that transaction's commands go out in the same write as this
     * message's final dot: one round trip per message in a batch. That message has then
     * {@linkplain #begun() begun}, and the next call must send it, or {@link #abandon()} it.
     *
     * @param envelope the {@code MAIL FROM} address and the {@code RCPT TO} addresses, at least one
     * @param message  the rendered message, written with its {@code Bcc} left out
     * @param next     called at most once, after this message's content is written, for the envelope of
     *                 the message to begin next, or {@code null}; may be {@code null}
     * @throws SendFailedException      if the server refused the message or some of its recipients;
     *                                  {@link SendFailedException#getValidSentAddresses()} is who got it
     * @throws ConnectionLostException  if the connection broke; it is then closed
     * @throws UncheckedIOException     if the content could not be read; the connection is then aborted
     * @throws IllegalStateException    if another message has begun
     */
    void send(Envelope envelope, MimeMessage message, Supplier<Envelope> next) throws MessagingException {
        if (begun != null && begun != envelope) {
            throw new IllegalStateException("CDIMAIL-00289: another message's transaction has begun on this SMTP"
                    + " connection; send it or abandon it first");
        }
        if (!open) {
            begun = null;
            throw new ConnectionLostException("CDIMAIL-00295: the SMTP connection is closed", null, false);
        }
        contentSent = false;
        writingContent = false;
        dotEnd = -1;
        try {
            if (pipelining()) {
                pipelined(envelope, message, next);
            } else {
                lockStep(envelope, message);
            }
        } catch (IOException e) {
            if (writingContent && !timed.failed()) {
                // Not the connection but the content: the server must not get a truncated message.
                abort();
                throw new UncheckedIOException(e);
            }
            throw lost(writingContent ? "the message content" : "the transaction", e);
        } catch (MessagingException e) {
            if (writingContent) {
                abort();
                throw new IllegalStateException("CDIMAIL-00100: the message could not be written", e);
            }
            throw e;
        } catch (RuntimeException e) {
            // Whatever it was, the conversation may be out of step now: never reuse the connection.
            abort();
            throw e;
        }
    }

    /** The envelope of the message whose commands went out with the last final dot, if any. */
    Envelope begun() {
        return begun;
    }

    /**
     * Gives up the {@linkplain #begun() begun} transaction: the connection is closed without its
     * content (the server may already wait for it), so the server discards it.
     */
    void abandon() {
        begun = null;
        abort();
    }

    /** RFC 2920: {@code [RSET] MAIL RCPT... DATA} in one write, then the content and its dot. */
    private void pipelined(Envelope envelope, MimeMessage message, Supplier<Envelope> next)
            throws IOException, MessagingException {
        if (begun == null && !begin(envelope)) {
            throw unprintableCommand();
        }
        begun = null;
        boolean reset = resetFirst;
        List<InternetAddress> recipients = envelope.recipients();
        out.flush();
        if (reset) {
            expectReset();
        }
        int mailCode = reply(null);
        int[] recipientCodes = new int[recipients.size()];
        for (int i = 0; i < recipients.size(); i++) {
            recipientCodes[i] = reply(null);
        }
        int dataCode = reply(null);
        checkNotClosing("MAIL FROM", mailCode);
        List<InternetAddress> accepted = new ArrayList<>(recipients.size());
        List<InternetAddress> invalid = new ArrayList<>();
        sortRecipients(recipients, recipientCodes, accepted, invalid);
        if (mailCode != 250) {
            abandonData(dataCode);
            resetFirst = true;
            throw refused("MAIL FROM", mailCode, List.of(), recipients, List.of());
        }
        checkNotClosing("DATA", dataCode);
        if (accepted.isEmpty()) {
            abandonData(dataCode);
            resetFirst = true;
            throw refused("RCPT TO", firstRefusal(recipientCodes), List.of(), List.of(), invalid);
        }
        if (dataCode != 354) {
            resetFirst = true;
            throw refused("DATA", dataCode, List.of(), accepted, invalid);
        }
        writeContent(message);
        Envelope following = next == null ? null : next.get();
        if (following != null) {
            begin(following); // not begun if it cannot be sent: it fails on its own, in the next call
        }
        out.flush();
        contentSent = true;
        finish(accepted, invalid, recipientCodes);
    }

    /**
     * Writes a transaction's commands, all or nothing (a half-written group would put replies out
     * of step); {@link #reply} sends them when it flushes.
     *
     * @return whether they were written: not when one of them is not printable ASCII
     */
    private boolean begin(Envelope envelope) throws IOException {
        List<String> commands = commandsOf(envelope);
        if (!commands.stream().allMatch(SmtpWire::printable)) {
            return false;
        }
        for (String command : commands) {
            command(command);
        }
        begun = envelope;
        return true;
    }

    private List<String> commandsOf(Envelope envelope) {
        List<String> commands = new ArrayList<>(envelope.recipients().size() + 3);
        if (resetFirst) {
            commands.add("RSET");
        }
        commands.add(mailFrom(envelope));
        for (InternetAddress recipient : envelope.recipients()) {
            commands.add(rcptTo(recipient));
        }
        commands.add("DATA");
        return commands;
    }

    private static String rcptTo(InternetAddress recipient) {
        return "RCPT TO:<" + recipient.getAddress() + ">";
    }

    private String mailFrom(Envelope envelope) {
        return "MAIL FROM:<" + envelope.sender().getAddress() + ">"
                + (extensions.contains("8BITMIME") ? " BODY=8BITMIME" : "");
    }

    /** RFC 5321 without pipelining: every command waits for its reply. */
    private void lockStep(Envelope envelope, MimeMessage message) throws IOException, MessagingException {
        List<InternetAddress> recipients = envelope.recipients();
        checkCommand(mailFrom(envelope));
        recipients.forEach(recipient -> checkCommand(rcptTo(recipient)));
        if (resetFirst) {
            command("RSET");
            expectReset();
        }
        command(mailFrom(envelope));
        int mailCode = reply(null);
        checkNotClosing("MAIL FROM", mailCode);
        if (mailCode != 250) {
            resetFirst = true;
            throw refused("MAIL FROM", mailCode, List.of(), recipients, List.of());
        }
        int[] recipientCodes = new int[recipients.size()];
        for (int i = 0; i < recipients.size(); i++) {
            command(rcptTo(recipients.get(i)));
            recipientCodes[i] = reply(null);
            checkNotClosing("RCPT TO", recipientCodes[i]);
        }
        List<InternetAddress> accepted = new ArrayList<>(recipients.size());
        List<InternetAddress> invalid = new ArrayList<>();
        sortRecipients(recipients, recipientCodes, accepted, invalid);
        if (accepted.isEmpty()) {
            resetFirst = true;
            throw refused("RCPT TO", firstRefusal(recipientCodes), List.of(), List.of(), invalid);
        }
        command("DATA");
        int dataCode = reply(null);
        checkNotClosing("DATA", dataCode);
        if (dataCode != 354) {
            resetFirst = true;
            throw refused("DATA", dataCode, List.of(), accepted, invalid);
        }
        writeContent(message);
        out.flush();
        contentSent = true;
        finish(accepted, invalid, recipientCodes);
    }

    /** Reads the reply to the final dot. */
    private void finish(List<InternetAddress> accepted, List<InternetAddress> invalid, int[] recipientCodes)
            throws IOException, MessagingException {
        int code = reply(null);
        checkNotClosing("the end of the message", code);
        if (code != 250) {
            throw refused("the end of the message", code, List.of(), accepted, invalid);
        }
        if (!invalid.isEmpty()) {
            throw refused("RCPT TO", firstRefusal(recipientCodes), accepted, List.of(), invalid);
        }
    }

    private void expectReset() throws IOException, MessagingException {
        int code = reply(null);
        checkNotClosing("RSET", code);
        if (code != 250) {
            abort();
            throw lost("RSET (answered " + code + ")", null);
        }
        resetFirst = false;
    }

    /** Writes the content and the final dot, not flushed. */
    private void writeContent(MimeMessage message) throws IOException, MessagingException {
        writingContent = true;
        DataStream data = new DataStream(out);
        message.writeTo(new HeaderLines(data), NOT_TRANSMITTED);
        data.finish();
        writingContent = false;
        dotEnd = out.position();
    }

    /**
     * A server that answered {@code 354} although it refused the sender or every recipient (RFC
     * 2920 says it should not): a transaction in data mode can only be ended by sending a message,
     * so the connection is dropped instead and the server discards the empty transaction.
     */
    private void abandonData(int dataCode) {
        if (dataCode == 354) {
            abort();
        }
    }

    private static void sortRecipients(List<InternetAddress> recipients, int[] codes, List<InternetAddress> accepted,
            List<InternetAddress> invalid) {
        for (int i = 0; i < recipients.size(); i++) {
            if (codes[i] == 250 || codes[i] == 251) {
                accepted.add(recipients.get(i));
            } else {
                invalid.add(recipients.get(i));
            }
        }
    }

    private static int firstRefusal(int[] codes) {
        for (int code : codes) {
            if (code != 250 && code != 251) {
                return code;
            }
        }
        return 0;
    }

    private void checkNotClosing(String command, int code) throws ConnectionLostException {
        if (code == 421) {
            abort();
            throw lost(command + " (answered 421)", null);
        }
    }

    private static SendFailedException refused(String command, int code, List<InternetAddress> sent,
            List<InternetAddress> unsent, List<InternetAddress> invalid) {
        return new SendFailedException("CDIMAIL-00290: the SMTP server answered " + code + " to " + command,
                new RefusedException(command, code), addresses(sent), addresses(unsent), addresses(invalid));
    }

    private static Address[] addresses(List<InternetAddress> list) {
        return list.isEmpty() ? null : list.toArray(Address[]::new);
    }

    private ConnectionLostException lost(String during, Exception cause) {
        // The dot may have left in an earlier write (the buffer filled up with the next message's commands).
        if (dotEnd >= 0 && timed.written() >= dotEnd) {
            contentSent = true;
        }
        abort();
        return new ConnectionLostException("CDIMAIL-00296: the SMTP connection was lost during " + during
                + (cause == null ? "" : ": " + cause.getClass().getSimpleName()), cause, contentSent);
    }

    /** Sends {@code QUIT} without waiting for the answer, and closes. Never throws. */
    @Override
    public void close() {
        if (open && begun == null) { // with a transaction begun, QUIT would be taken for its content
            try {
                command("QUIT");
                out.flush();
            } catch (IOException | RuntimeException e) {
                // The connection is being discarded.
            }
        }
        abort();
    }

    /** Closes the socket at once, with no {@code QUIT}. Never throws. */
    private void abort() {
        open = false;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Already broken.
            }
        }
    }

    // --- the wire ------------------------------------------------------------------------------

    /** Refuses a command that is not printable ASCII: a CR or LF in it would inject another command. */
    private static void checkCommand(String text) {
        if (!printable(text)) {
            throw unprintableCommand();
        }
    }

    private static IllegalArgumentException unprintableCommand() {
        // Addresses are checked and IDNA-encoded when the envelope is built: this is a bug if reached.
        return new IllegalArgumentException("CDIMAIL-00297: refusing to send an SMTP command containing"
                + " a control or non-ASCII character");
    }

    private static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private void command(String text) throws IOException {
        checkCommand(text);
        int length = text.length();
        byte[] bytes = new byte[length + 2];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        bytes[length] = '\r';
        bytes[length + 1] = '\n';
        out.write(bytes, 0, bytes.length);
        // Not flushed: reply() flushes before it waits, so pipelined commands leave together.
    }

    private void expect(String what, int expected) throws IOException, MessagingException {
        int code = reply(null);
        if (code == 421) {
            throw lost(what, null);
        }
        if (code != expected) {
            throw new RefusedException(what, code);
        }
    }

    /**
     * Reads one reply, flushing first whatever is buffered.
     *
     * @param lines receives the text of each line, if not {@code null}
     * @return its code
     */
    private int reply(List<String> lines) throws IOException {
        out.flush();
        while (true) {
            int length = readLine();
            if (length < 3) {
                throw new IOException("CDIMAIL-00298: malformed SMTP reply");
            }
            int code = digit(0) * 100 + digit(1) * 10 + digit(2);
            boolean last = length == 3 || line[3] == ' ';
            if (!last && line[3] != '-') {
                throw new IOException("CDIMAIL-00298: malformed SMTP reply");
            }
            if (lines != null) {
                lines.add(length > 4 ? new String(line, 4, length - 4, StandardCharsets.US_ASCII) : "");
            }
            if (last) {
                return code;
            }
        }
    }

    private int digit(int index) throws IOException {
        int d = line[index] - '0';
        if (d < 0 || d > 9) {
            throw new IOException("CDIMAIL-00298: malformed SMTP reply");
        }
        return d;
    }

    /** Reads a line into {@link #line} without its CRLF (or LF); returns its length. */
    private int readLine() throws IOException {
        int length = 0;
        while (true) {
            if (readAt == readEnd) {
                int count = in.read(readBuffer, 0, readBuffer.length);
                if (count < 0) {
                    throw new EOFException("CDIMAIL-00299: the SMTP server closed the connection");
                }
                readAt = 0;
                readEnd = count;
                continue;
            }
            int b = readBuffer[readAt++];
            if (b == '\n') {
                return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
            }
            if (length == line.length) {
                throw new IOException("CDIMAIL-00298: SMTP reply line longer than " + line.length + " bytes");
            }
            line[length++] = (byte) b;
        }
    }

    @Override
    public String toString() {
        return "SmtpWire[" + endpoint.host() + ":" + endpoint.port() + ", open=" + open + "]";
    }

    /** The output buffer, which knows how many bytes have gone through it in all. */
    private static final class Buffer extends BufferedOutputStream {
        private final DeadlineOutputStream socket;

        Buffer(DeadlineOutputStream socket) {
            super(socket, 16 * 1024);
            this.socket = socket;
        }

        /** The bytes written to this buffer so far: those handed to the socket, and those still here. */
        synchronized long position() {
            return socket.written() + count;
        }
    }

    /**
     * The socket's output, each write bounded by the timeout: a write still blocked when it
     * expires (a server that stopped reading) closes the socket, which fails the write.
     */
    private static final class DeadlineOutputStream extends OutputStream {
        private final OutputStream out;
        private final Socket socket;
        private final long timeoutMillis;
        private boolean failed;
        /** Bytes the socket took, in writes that completed. */
        private long written;

        DeadlineOutputStream(OutputStream out, Socket socket, long timeoutMillis) {
            this.out = out;
            this.socket = socket;
            this.timeoutMillis = timeoutMillis;
        }

        /** Whether a write to the socket failed (as opposed to reading the content that was written). */
        boolean failed() {
            return failed;
        }

        long written() {
            return written;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ScheduledFuture<?> deadline = WriteTimeouts.INSTANCE.schedule(this::closeSocket, timeoutMillis,
                    TimeUnit.MILLISECONDS);
            try {
                out.write(bytes, offset, length);
                written += length;
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            } finally {
                deadline.cancel(false);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        private void closeSocket() {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing is all that can be done.
            }
        }
    }

    /**
     * The name this client gives in {@code EHLO}: the host's fully qualified name when it has one,
     * else the address literal of the connection's local address (RFC 5321 4.1.3).
     */
    static final class HelloName {
        private static final String HOST = lookup();

        private HelloName() {
        }

        static String of(Socket socket) {
            if (HOST != null) {
                return HOST;
            }
            InetAddress local = socket.getLocalAddress();
            return local instanceof Inet6Address
                    ? "[IPv6:" + local.getHostAddress().replaceFirst("%.*$", "") + "]"
                    : "[" + local.getHostAddress() + "]";
        }

        private static String lookup() {
            try {
                String name = InetAddress.getLocalHost().getCanonicalHostName();
                boolean domain = name != null && name.contains(".") && name.matches("[A-Za-z0-9.-]+")
                        && !name.matches("[0-9.]+") && !name.startsWith(".") && !name.endsWith(".");
                return domain ? name : null;
            } catch (UnknownHostException | SecurityException e) {
                return null;
            }
        }
    }
}

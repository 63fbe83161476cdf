package org.cdimail.impl.backend.smtp;

import static org.cdimail.impl.ImplError.CONNECTION_CLOSED;
import static org.cdimail.impl.ImplError.CONNECTION_LOST;
import static org.cdimail.impl.ImplError.CONNECT_FAILED;
import static org.cdimail.impl.ImplError.CONTROL_CHARACTER_IN_COMMAND;
import static org.cdimail.impl.ImplError.RENDERING_FAILED;
import static org.cdimail.impl.ImplError.TRANSACTION_IN_PROGRESS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.net.ssl.SSLSocketFactory;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.EmailMessage;
import org.cdimail.Refusal;
import org.cdimail.impl.backend.smtp.EnvelopeReplies.Decision;
import org.cdimail.impl.backend.smtp.ReplyReader.Reply;
import org.cdimail.impl.backend.smtp.ReplyReader.Text;
import org.cdimail.impl.mime.Envelope;
import org.cdimail.impl.mime.MimeRenderer;

/**
 * cdi-mail's own SMTP client connection (RFC 5321): mail transactions over an
 * {@link SmtpChannel} that {@link SmtpHandshake} has greeted, secured and logged in, until
 * {@link #close()}.
 *
 * <p>Why not Jakarta Mail's transport: it waits for a reply after every command, four round
 * trips per message, and with several connections on two cores the waiting costs more CPU than
 * the mail. When the server offers {@code PIPELINING} (RFC 2920) a transaction here is two round
 * trips whatever the number of recipients: {@code MAIL FROM}, every {@code RCPT TO} and
 * {@code DATA} go out together, then the content and its final dot. Without {@code PIPELINING}
 * each command waits for its reply. {@code BODY=8BITMIME} is declared whenever the server offers
 * 8BITMIME (RFC 6152), since rendered parts may be 8bit. {@link EnvelopeReplies} decides from the
 * replies, for both ways alike; {@link TransactionState} says where the connection is.
 *
 * <p>Outcomes: a transaction every recipient accepted returns its {@link TransactionOutcome}. A
 * refusal of the sender, of recipients, of {@code DATA} or of the content is a
 * {@link TransactionRefusedException} with the accepted and refused recipients, and the
 * connection stays usable (the next transaction starts with {@code RSET}). A broken connection
 * (I/O error, end of stream, a {@code 421} reply, a timeout) is a {@link ConnectionLostException},
 * after which the connection is closed; its {@code contentSent()} says whether the final dot may
 * have reached the server, read from the bytes handed to the socket. A message whose content
 * cannot be read (an attached file failing) aborts the connection without the final dot, so the
 * server discards what it got, and is thrown unchecked.
 *
 * <p>Bounds: connecting (every address of the host), each write and each whole reply are bounded
 * by the alias's {@code mail.timeout}; replies by {@link ReplyReader.Limits#DEFAULT} in size.
 * Not thread-safe.
 */
final class SmtpWire implements SmtpTransport {

    /** Headers never transmitted, as Jakarta Mail's transport leaves them out. */
    private static final String[] NOT_TRANSMITTED = { "Bcc", "Content-Length" };

    /**
     * Where and how to connect.
     *
     * @param timeoutKey the key that sets the timeout, named in timeout errors
     */
    record Endpoint(String host, int port, long timeoutMillis, SSLSocketFactory tls, boolean implicitTls,
            boolean startTls, String timeoutKey) {

        Endpoint(String host, int port, long timeoutMillis, SSLSocketFactory tls, boolean implicitTls,
                boolean startTls) {
            this(host, port, timeoutMillis, tls, implicitTls, startTls, "mail.timeout");
        }

        /** The timeout, as the configuration writes it ({@code PT3S}). */
        Duration timeout() {
            return Duration.ofMillis(timeoutMillis);
        }
    }

    private final SmtpChannel channel;
    private final SmtpHandshake.Capabilities capabilities;
    private TransactionState state = TransactionState.READY;
    /** The transaction whose commands are written but whose replies are not read yet. */
    private Envelope begun;
    /** The replies of the current transaction, for a connection lost in its middle. */
    private EnvelopeReplies current;
    /** Where the current message's final dot ends in the output, once buffered; else -1. */
    private long dotEnd = -1;
    /** Whether the commands written for the begun transaction start with {@code RSET}. */
    private boolean resetPending;

    private SmtpWire(SmtpChannel channel, SmtpHandshake.Capabilities capabilities) {
        this.channel = channel;
        this.capabilities = capabilities;
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
        return connect(endpoint, SmtpLogin.password(user, password));
    }

    /**
     * Connects, says hello, starts TLS when required and logs in as {@code login} says.
     *
     * @param login who logs in and how; {@link SmtpLogin#NONE} for no {@code AUTH}
     * @throws AuthenticationFailedException if the server refused the credentials
     * @throws MessagingException            if the connection or the handshake failed
     */
    static SmtpWire connect(Endpoint endpoint, SmtpLogin login) throws MessagingException {
        SmtpChannel channel;
        try {
            channel = SmtpChannel.open(endpoint);
        } catch (IOException e) {
            throw couldNotConnect(e);
        }
        try {
            return new SmtpWire(channel, SmtpHandshake.run(channel, login));
        } catch (IOException e) {
            channel.abort();
            throw couldNotConnect(e);
        } catch (MessagingException | RuntimeException e) {
            channel.abort();
            throw e;
        }
    }

    private static MessagingException couldNotConnect(IOException e) {
        String why = e.getMessage() != null && e.getMessage().startsWith("CDIMAIL-") ? e.getMessage()
                : e.getClass().getSimpleName();
        return new MessagingException(CONNECT_FAILED.message("could not connect: " + why), e);
    }

    /** Whether the server offered {@code PIPELINING}. */
    boolean pipelining() {
        return capabilities.pipelining();
    }

    @Override
    public boolean isOpen() {
        return state != TransactionState.CLOSED;
    }

    @Override
    public MimeMessage render(MimeRenderer renderer, EmailMessage message) {
        if (!capabilities.smtpUtf8()) {
            renderer.envelope(message); // refuses a local part beyond ASCII, naming its header (Bcc too)
            return renderer.render(message, (Session) null);
        }
        return renderer.render(message, (Session) null, renderer.envelope(message, true).needsSmtpUtf8());
    }

    /**
     * One mail transaction, with no message to follow it in the same write.
     *
     * @see #send(Envelope, MimeMessage, Supplier)
     */
    TransactionOutcome send(InternetAddress sender, List<InternetAddress> recipients, MimeMessage message)
            throws MessagingException {
        return send(new Envelope(sender, recipients), message, null);
    }

    /**
     * {@inheritDoc} With {@code PIPELINING}, when {@code next} gives the envelope of the message
     * to send after this one, that transaction's commands go out in the same write as this
     * message's final dot: one round trip per message in a batch.
     */
    @Override
    public TransactionOutcome send(Envelope envelope, MimeMessage message, Supplier<Envelope> next)
            throws MessagingException {
        if (begun != null && begun != envelope) {
            throw new IllegalStateException(
                    TRANSACTION_IN_PROGRESS.message("another message's transaction has begun on this SMTP"
                    + " connection; send it or abandon it first"));
        }
        if (state == TransactionState.CLOSED) {
            begun = null;
            throw new ConnectionLostException(CONNECTION_CLOSED.message("the SMTP connection is closed"), null, false);
        }
        dotEnd = -1;
        current = new EnvelopeReplies(envelope);
        try {
            return pipelining() ? pipelined(envelope, message, next) : lockStep(envelope, message);
        } catch (IOException e) {
            if (state == TransactionState.CONTENT && !channel.outputFailed()) {
                // Not the connection but the content: the server must not get a truncated message.
                abort();
                throw new UncheckedIOException(e);
            }
            throw lost(state == TransactionState.CONTENT ? "the message content" : "the transaction", e);
        } catch (MessagingException e) {
            if (state == TransactionState.CONTENT) {
                abort();
                throw new IllegalStateException(RENDERING_FAILED.message("the message could not be written"), e);
            }
            throw e;
        } catch (RuntimeException e) {
            // Whatever it was, the conversation may be out of step now: never reuse the connection.
            abort();
            throw e;
        }
    }

    @Override
    public Envelope begun() {
        return begun;
    }

    @Override
    public void abandon() {
        begun = null;
        abort();
    }

    /** RFC 2920: {@code [RSET] MAIL RCPT... DATA} in one write, then the content and its dot. */
    private TransactionOutcome pipelined(Envelope envelope, MimeMessage message, Supplier<Envelope> next)
            throws IOException, MessagingException {
        if (begun == null && !begin(envelope)) {
            throw unprintableCommand();
        }
        begun = null;
        if (resetPending) {
            expectReset();
        }
        current.mail(checked("MAIL FROM", channel.reply(Text.NONE)));
        for (int i = 0; i < envelope.recipients().size(); i++) {
            current.recipient(checked("RCPT TO", channel.reply(Text.NONE)));
        }
        current.data(checked("DATA", channel.reply(Text.NONE)));
        Decision decision = current.decide();
        if (decision != Decision.SEND_CONTENT) {
            throw refused(decision);
        }
        state = state.to(TransactionState.CONTENT);
        writeContent(message);
        Envelope following = next == null ? null : next.get();
        if (following != null) {
            begin(following); // not begun if it cannot be sent: it fails on its own, in the next call
        }
        return finish();
    }

    /**
     * Writes a transaction's commands, all or nothing (a half-written group would put replies out
     * of step); {@link SmtpChannel#reply} sends them when it flushes.
     *
     * @return whether they were written: not when one of them is not printable ASCII
     */
    private boolean begin(Envelope envelope) throws IOException {
        boolean reset = state == TransactionState.NEEDS_RESET;
        List<String> commands = commandsOf(envelope, reset);
        if (!commands.stream().allMatch(SmtpWire::printable)) {
            return false;
        }
        for (String command : commands) {
            channel.command(command);
        }
        if (state != TransactionState.DOT) {
            state = state.to(TransactionState.ENVELOPE);
        }
        resetPending = reset;
        begun = envelope;
        return true;
    }

    private List<String> commandsOf(Envelope envelope, boolean reset) {
        List<String> commands = new ArrayList<>(envelope.recipients().size() + 3);
        if (reset) {
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
                + (capabilities.eightBitMime() ? " BODY=8BITMIME" : "")
                + (capabilities.smtpUtf8() && envelope.needsSmtpUtf8() ? " SMTPUTF8" : "");
    }

    /** RFC 5321 without pipelining: every command waits for its reply. */
    private TransactionOutcome lockStep(Envelope envelope, MimeMessage message) throws IOException, MessagingException {
        List<InternetAddress> recipients = envelope.recipients();
        checkCommand(mailFrom(envelope));
        recipients.forEach(recipient -> checkCommand(rcptTo(recipient)));
        resetPending = state == TransactionState.NEEDS_RESET;
        state = state.to(TransactionState.ENVELOPE);
        if (resetPending) {
            channel.command("RSET");
            expectReset();
        }
        channel.command(mailFrom(envelope));
        current.mail(checked("MAIL FROM", channel.reply(Text.NONE)));
        if (current.senderAccepted()) {
            for (InternetAddress recipient : recipients) {
                channel.command(rcptTo(recipient));
                current.recipient(checked("RCPT TO", channel.reply(Text.NONE)));
            }
            if (current.anyRecipientAccepted()) {
                channel.command("DATA");
                current.data(checked("DATA", channel.reply(Text.NONE)));
            }
        }
        Decision decision = current.decide();
        if (decision != Decision.SEND_CONTENT) {
            throw refused(decision);
        }
        state = state.to(TransactionState.CONTENT);
        writeContent(message);
        return finish();
    }

    private TransactionRefusedException refused(Decision decision) {
        if (decision == Decision.REFUSED_IN_DATA_MODE) {
            abort();
        } else {
            state = state.to(TransactionState.NEEDS_RESET);
        }
        return current.refusal();
    }

    /** Sends what is buffered (the dot, perhaps the next envelope) and reads the reply to the final dot. */
    private TransactionOutcome finish() throws IOException, MessagingException {
        Reply dot = checked("the end of the message", channel.reply(Text.LAST_LINE));
        state = state.to(begun != null ? TransactionState.ENVELOPE : TransactionState.READY);
        dotEnd = -1;
        return current.finish(dot);
    }

    private void expectReset() throws IOException, MessagingException {
        Reply reply = checked("RSET", channel.reply(Text.NONE));
        resetPending = false;
        if (reply.code() != 250) {
            throw lost("RSET (answered " + reply.code() + ")", null);
        }
    }

    /** Writes the content and the final dot, not flushed. */
    private void writeContent(MimeMessage message) throws IOException, MessagingException {
        DataStream data = new DataStream(channel.out());
        message.writeTo(new HeaderLines(data, capabilities.smtpUtf8()), NOT_TRANSMITTED);
        data.finish();
        dotEnd = channel.position();
        state = state.to(TransactionState.DOT);
    }

    /** A {@code 421} anywhere: the server is closing the connection. */
    private Reply checked(String command, Reply reply) throws ConnectionLostException {
        if (reply.code() == 421) {
            throw lost(command + " (answered 421)", null);
        }
        return reply;
    }

    private ConnectionLostException lost(String during, Exception cause) {
        // A fact, not an inference: the dot may have reached the server only if its last byte was handed over.
        boolean contentSent = dotEnd >= 0 && channel.attempted() >= dotEnd;
        List<Refusal> byReply = current == null ? List.of() : current.recipientRefusals();
        abort();
        boolean timedOut = channel.timedOut() || cause instanceof SocketTimeoutException;
        String timeout = timedOut ? " (timed out after " + channel.endpoint().timeout() + ", "
                + channel.endpoint().timeoutKey() + ")" : "";
        return new ConnectionLostException(CONNECTION_LOST.message("the SMTP connection was lost during " + during
                + (cause == null ? "" : ": " + cause.getClass().getSimpleName()) + timeout), cause, contentSent,
                byReply, timedOut);
    }

    /** Sends {@code QUIT} without waiting for the answer, and closes. Never throws. */
    @Override
    public void close() {
        if (state == TransactionState.READY || state == TransactionState.NEEDS_RESET) {
            // With a transaction begun, QUIT would be taken for its content.
            try {
                channel.command("QUIT");
                channel.flush();
            } catch (IOException | RuntimeException e) {
                // The connection is being discarded.
            }
        }
        abort();
    }

    /** Closes the connection at once, with no {@code QUIT}. Never throws. */
    private void abort() {
        state = state.to(TransactionState.CLOSED);
        channel.abort();
    }

    // --- commands ------------------------------------------------------------------------------

    /** Refuses a command that is not printable ASCII: a CR or LF in it would inject another command. */
    private static void checkCommand(String text) {
        if (!printable(text)) {
            throw unprintableCommand();
        }
    }

    private static IllegalArgumentException unprintableCommand() {
        // Addresses are checked and IDNA-encoded when the envelope is built: this is a bug if reached.
        return new IllegalArgumentException(
                CONTROL_CHARACTER_IN_COMMAND.message("refusing to send an SMTP command containing"
                + " a control or non-ASCII character"));
    }

    private static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 || c > 0x7e) && !HeaderLines.isUtf8Text(c)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "SmtpWire[" + channel.endpoint().host() + ":" + channel.endpoint().port() + ", " + state + "]";
    }
}

package org.cdimail.impl.backend.smtp;

import static org.cdimail.impl.ImplError.CONNECTION_CLOSED;
import static org.cdimail.impl.ImplError.CONNECTION_LOST;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.EmailMessage;
import org.cdimail.Refusal;
import org.cdimail.impl.mime.Envelope;
import org.cdimail.impl.mime.MimeRenderer;

/**
 * The Jakarta Mail fallback behind {@link SmtpTransport}: a session and its {@code smtp}
 * transport, for a container's mail session ({@code session-jndi}) or an alias that chose
 * {@code transport=jakarta-mail}. One command per round trip, no lookahead.
 *
 * <p>Receipts are coarser than {@link SmtpWire}'s: a refused recipient's code comes from the
 * implementation's per-address exception ({@code SMTPAddressFailedException.getReturnCode()} in
 * Angus Mail, read reflectively since Angus is not a compile-time dependency), its enhanced code
 * from the start of that exception's text (nothing else of it is kept); the queue id from the
 * transport's last server response. Whether the message was written in full is noted by
 * {@link TrackedMessage}.
 */
final class JakartaMailTransport implements SmtpTransport {

    private static final Pattern REPLY = Pattern.compile("^\\s*(\\d{3})[ -]([245]\\.\\d{1,3}\\.\\d{1,3})?");

    private final Session session;
    private Transport transport;

    JakartaMailTransport(Session session, Transport transport) {
        this.session = session;
        this.transport = transport;
    }

    @Override
    public MimeMessage render(MimeRenderer renderer, EmailMessage message) {
        return renderer.render(message, session);
    }

    @Override
    public TransactionOutcome send(Envelope envelope, MimeMessage message, Supplier<Envelope> next)
            throws MessagingException {
        if (transport == null) {
            throw new ConnectionLostException(CONNECTION_CLOSED.message("the SMTP connection is closed"), null, false);
        }
        TrackedMessage tracked = new TrackedMessage(session, message);
        session.getProperties().setProperty("mail.smtp.from", envelope.sender().getAddress());
        try {
            transport.sendMessage(tracked, envelope.recipients().toArray(Address[]::new));
        } catch (MessagingException e) {
            if (!transport.isConnected()) { // sends a NOOP
                close();
                throw new ConnectionLostException(CONNECTION_LOST.message("the SMTP connection was lost"
                        + (tracked.transmitted() ? " after the message was written"
                                : " before the message was written")),
                        e, tracked.transmitted());
            }
            throw refused(envelope, e);
        }
        List<String> accepted = envelope.recipients().stream().map(InternetAddress::getAddress).toList();
        String last = lastServerResponse();
        return new TransactionOutcome(accepted, List.of(), 250, last == null ? null : QueueId.of(afterCode(last)));
    }

    /** A refusal on a live connection, as Jakarta Mail reports it, with whatever codes it gives. */
    private TransactionRefusedException refused(Envelope envelope, MessagingException e) {
        List<InternetAddress> sent = new ArrayList<>();
        List<InternetAddress> unsent = new ArrayList<>();
        List<InternetAddress> invalid = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        int code = codeOf(e);
        if (e instanceof SendFailedException failed) {
            addAll(sent, failed.getValidSentAddresses());
            addAll(unsent, failed.getValidUnsentAddresses());
            addAll(invalid, failed.getInvalidAddresses());
        }
        if (sent.isEmpty() && unsent.isEmpty() && invalid.isEmpty()) {
            unsent.addAll(envelope.recipients()); // refused as a whole (MAIL FROM, DATA, the final dot)
        }
        for (InternetAddress address : invalid) {
            refusals.add(refusal(e, address, 0, false, "refused"));
        }
        for (InternetAddress address : unsent) {
            refusals.add(refusal(e, address, code >= 200 && code <= 599 ? code : 0, code < 500, "not sent"));
        }
        String last = sent.isEmpty() ? null : lastServerResponse();
        TransactionOutcome outcome = new TransactionOutcome(sent.stream().map(InternetAddress::getAddress).toList(),
                refusals, last != null && last.startsWith("250") ? 250 : 0,
                last != null && last.startsWith("250") ? QueueId.of(afterCode(last)) : null);
        return new TransactionRefusedException("the transaction", code, outcome, sent, unsent, invalid);
    }

    /** The recipient's own reply when Jakarta Mail chained one for it, else the failure of the whole. */
    private static Refusal refusal(MessagingException e, InternetAddress address, int code, boolean temporary,
            String reason) {
        MessagingException perAddress = perAddress(e, address);
        int refusedCode = perAddress == null ? 0 : codeOf(perAddress);
        return refusedCode >= 400 && refusedCode <= 599
                ? Refusal.byReply(address.getAddress(), refusedCode, enhancedOf(perAddress))
                : Refusal.byFailure(address.getAddress(), code, temporary, reason);
    }

    private static void addAll(List<InternetAddress> list, Address[] addresses) {
        if (addresses != null) {
            for (Address address : addresses) {
                if (address instanceof InternetAddress internet) {
                    list.add(internet);
                }
            }
        }
    }

    /** The per-address exception Jakarta Mail chains for a refused recipient, if any. */
    private static MessagingException perAddress(MessagingException e, InternetAddress address) {
        for (Exception next = e.getNextException(); next instanceof MessagingException m; next = m.getNextException()) {
            Object failed = invoke(m, "getAddress");
            if (failed instanceof InternetAddress a && a.getAddress().equalsIgnoreCase(address.getAddress())) {
                return m;
            }
        }
        return null;
    }

    private static int codeOf(MessagingException e) {
        Object code = invoke(e, "getReturnCode");
        return code instanceof Integer i ? i : 0;
    }

    private static String enhancedOf(MessagingException e) {
        Matcher m = e.getMessage() == null ? null : REPLY.matcher(e.getMessage());
        return m != null && m.find() ? m.group(2) : null;
    }

    private String lastServerResponse() {
        Object response = invoke(transport, "getLastServerResponse");
        return response instanceof String s ? s : null;
    }

    private static String afterCode(String response) {
        String firstLine = response.lines().reduce((a, b) -> b).orElse("");
        return firstLine.length() > 4 ? firstLine.substring(4) : "";
    }

    /** Calls a public no-argument method an implementation may have; {@code null} if it has none. */
    private static Object invoke(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            return m.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public Envelope begun() {
        return null;
    }

    @Override
    public void abandon() {
        // Nothing is ever begun ahead.
    }

    @Override
    public boolean isOpen() {
        return transport != null;
    }

    @Override
    public void close() {
        SmtpConnector.closeQuietly(transport);
        transport = null;
    }

    @Override
    public String toString() {
        return "JakartaMailTransport[open=" + isOpen() + "]";
    }
}

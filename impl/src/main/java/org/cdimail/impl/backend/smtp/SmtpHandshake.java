package org.cdimail.impl.backend.smtp;

import static org.cdimail.impl.ImplError.AUTH_REFUSED;
import static org.cdimail.impl.ImplError.CONNECTION_LOST;
import static org.cdimail.impl.ImplError.GREETING_TIMEOUT;
import static org.cdimail.impl.ImplError.NO_AUTH_MECHANISM;
import static org.cdimail.impl.ImplError.NO_STARTTLS;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

import org.cdimail.impl.backend.smtp.ReplyReader.Reply;
import org.cdimail.impl.backend.smtp.ReplyReader.Text;
import org.cdimail.impl.backend.smtp.TransactionRefusedException.RefusedException;

/**
 * Everything before the first mail transaction: the greeting, {@code EHLO} (or {@code HELO}),
 * {@code STARTTLS} (RFC 3207) and {@code AUTH} (RFC 4954: {@code PLAIN} or {@code LOGIN} with a
 * password, {@code OAUTHBEARER} or {@code XOAUTH2} with an access token, asked for again once with
 * {@code refresh} when the server refuses it). Returns the
 * extensions the server offers. The server's text is never echoed: extension and mechanism names
 * are kept only as the known names they match.
 */
final class SmtpHandshake {

    /** The extensions cdi-mail uses, as offered in the last {@code EHLO} reply. */
    record Capabilities(boolean pipelining, boolean eightBitMime, boolean startTls, Set<String> auth,
            boolean smtpUtf8) {
        static final Capabilities NONE = new Capabilities(false, false, false, Set.of(), false);
    }

    private static final Set<String> KNOWN_AUTH = Set.of("PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER");

    private final SmtpChannel channel;

    private SmtpHandshake(SmtpChannel channel) {
        this.channel = channel;
    }

    /**
     * Greets, starts TLS when the endpoint requires it, and logs in when {@code user} is set.
     *
     * @return what the server offers after TLS
     * @throws AuthenticationFailedException if the server refused the credentials
     * @throws ConnectionLostException       if the server answered {@code 421}
     * @throws MessagingException            if the server does not offer what is required
     * @throws IOException                   if the connection failed or timed out
     */
    static Capabilities run(SmtpChannel channel, SmtpLogin login) throws IOException, MessagingException {
        return new SmtpHandshake(channel).run(login);
    }

    private Capabilities run(SmtpLogin login) throws IOException, MessagingException {
        greeting();
        Capabilities capabilities = hello();
        if (channel.endpoint().startTls()) {
            if (!capabilities.startTls()) {
                throw new MessagingException(
                        NO_STARTTLS.message("TLS is required (use-tls) but the SMTP server does not"
                        + " offer STARTTLS"));
            }
            channel.command("STARTTLS");
            expect("STARTTLS", channel.reply(Text.NONE).code(), 220);
            channel.layerTls();
            capabilities = hello();
        }
        if (login.user() != null) {
            authenticate(capabilities, login);
        }
        return capabilities;
    }

    private void greeting() throws IOException, MessagingException {
        Reply greeting;
        try {
            greeting = channel.reply(Text.NONE);
        } catch (SocketTimeoutException e) {
            SmtpWire.Endpoint endpoint = channel.endpoint();
            throw new SocketTimeoutException(GREETING_TIMEOUT.message("the SMTP server at " + endpoint.host() + " port "
                    + endpoint.port() + " did not greet within " + endpoint.timeout() + " (" + endpoint.timeoutKey()
                    + ")"));
        }
        expect("the greeting", greeting.code(), 220);
    }

    private Capabilities hello() throws IOException, MessagingException {
        String name = channel.helloName();
        channel.command("EHLO " + name);
        Reply reply = channel.reply(Text.ALL_LINES);
        if (reply.code() == 250) {
            return capabilities(reply.lines());
        }
        if (reply.code() == 421) {
            throw lost("EHLO");
        }
        // An old server: RFC 5321 4.1.1.1 says fall back to HELO, and offer nothing.
        channel.command("HELO " + name);
        expect("HELO", channel.reply(Text.NONE).code(), 250);
        return Capabilities.NONE;
    }

    private static Capabilities capabilities(List<String> lines) {
        Set<String> extensions = new HashSet<>();
        Set<String> auth = new HashSet<>();
        for (String extension : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] words = extension.toUpperCase(Locale.ROOT).split("[ =]+");
            extensions.add(words[0]);
            if (words[0].equals("AUTH")) {
                for (int i = 1; i < words.length; i++) {
                    if (KNOWN_AUTH.contains(words[i])) {
                        auth.add(words[i]);
                    }
                }
            }
        }
        return new Capabilities(extensions.contains("PIPELINING"), extensions.contains("8BITMIME"),
                extensions.contains("STARTTLS"), Set.copyOf(auth), extensions.contains("SMTPUTF8"));
    }

    private void authenticate(Capabilities capabilities, SmtpLogin login) throws IOException, MessagingException {
        String mechanism = login.acceptable().stream().filter(capabilities.auth()::contains).findFirst()
                // The server's own list is not quoted: its text could carry anything into logs.
                .orElseThrow(() -> new MessagingException(NO_AUTH_MECHANISM.message("credentials are configured"
                        + " but the SMTP server offers no AUTH mechanism cdi-mail may use here ("
                        + String.join(" or ", login.acceptable()) + ")")));
        String user = login.user();
        String password = login.password() == null ? "" : login.password();
        if (mechanism.equals("XOAUTH2") || mechanism.equals("OAUTHBEARER")) {
            int code = OAuthExchange.attempt(channel, mechanism, user, login.tokens().token(false));
            if (code >= 500) { // the token may have expired: once more with a fresh one
                code = OAuthExchange.attempt(channel, mechanism, user, login.tokens().token(true));
            }
            authenticated(code);
        } else if (mechanism.equals("PLAIN")) {
            String response = base64("\0" + user + "\0" + password);
            channel.command("AUTH PLAIN " + response);
            int code = channel.reply(Text.NONE).code();
            if (code == 334) { // a server that wants the response on a line of its own
                channel.command(response);
                code = channel.reply(Text.NONE).code();
            }
            authenticated(code);
        } else {
            channel.command("AUTH LOGIN");
            int code = channel.reply(Text.NONE).code();
            if (code == 334) {
                channel.command(base64(user));
                code = channel.reply(Text.NONE).code();
            }
            if (code == 334) {
                channel.command(base64(password));
                code = channel.reply(Text.NONE).code();
            }
            authenticated(code);
        }
    }

    private void authenticated(int code) throws MessagingException {
        if (code == 235) {
            return;
        }
        if (code == 421) {
            throw lost("AUTH");
        }
        if (code >= 500) {
            throw new AuthenticationFailedException(AUTH_REFUSED.message("the SMTP server answered " + code
                    + " to AUTH"));
        }
        throw new RefusedException("AUTH", code);
    }

    private void expect(String what, int code, int expected) throws MessagingException {
        if (code == 421) {
            throw lost(what);
        }
        if (code != expected) {
            throw new RefusedException(what, code);
        }
    }

    private ConnectionLostException lost(String during) {
        channel.abort();
        return new ConnectionLostException(CONNECTION_LOST.message("the SMTP connection was lost during " + during
                + " (answered 421)"), null, false);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

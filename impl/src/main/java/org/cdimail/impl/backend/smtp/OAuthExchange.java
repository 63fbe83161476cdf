package org.cdimail.impl.backend.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.cdimail.impl.backend.smtp.ReplyReader.Text;

/**
 * One {@code AUTH XOAUTH2} (Google's and Microsoft's) or {@code AUTH OAUTHBEARER} (RFC 7628)
 * exchange with its initial response. A server that refuses the token answers {@code 334} with
 * an error (base64 JSON, never read: it is the server's text); the client then ends the exchange,
 * with an empty line for XOAUTH2 and {@code %x01} for OAUTHBEARER (RFC 7628 3.2.3), and the server
 * answers with the final code, such as {@code 535}.
 */
final class OAuthExchange {

    private OAuthExchange() {
    }

    /**
     * Logs in once.
     *
     * @param mechanism {@code XOAUTH2} or {@code OAUTHBEARER}
     * @return the server's final reply code ({@code 235} when logged in)
     */
    static int attempt(SmtpChannel channel, String mechanism, String user, String token) throws IOException {
        boolean bearer = mechanism.equals("OAUTHBEARER");
        String response = bearer
                ? "n,a=" + saslName(user) + ",\u0001auth=Bearer " + token + "\u0001\u0001"
                : "user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001";
        channel.command("AUTH " + mechanism + " "
                + Base64.getEncoder().encodeToString(response.getBytes(StandardCharsets.UTF_8)));
        int code = channel.reply(Text.NONE).code();
        if (code == 334) {
            channel.command(bearer ? "AQ==" : "");
            code = channel.reply(Text.NONE).code();
        }
        return code;
    }

    /** RFC 5801 saslname: {@code ,} and {@code =} escaped as {@code =2C} and {@code =3D}. */
    private static String saslName(String user) {
        return user.replace("=", "=3D").replace(",", "=2C");
    }
}

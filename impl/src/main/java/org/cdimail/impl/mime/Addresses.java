package org.cdimail.impl.mime;

import static org.cdimail.impl.ImplError.CHARSET_NOT_SUPPORTED;
import static org.cdimail.impl.ImplError.INVALID_ADDRESS;
import static org.cdimail.impl.ImplError.NON_ASCII_LOCAL_PART;

import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Parses, checks and formats the addresses of a message. Domains are IDNA-encoded (labels already
 * in ASCII, such as pre-encoded {@code xn--} labels, are kept as given); display names become RFC
 * 2047 encoded words when not ASCII. Error messages name the header, never the address: Jakarta
 * Mail's own messages quote the address, so they are never chained.
 */
final class Addresses {

    /** RFC 5322 atext, plus '.' for a dot-atom local part. */
    private static final String ATEXT = "!#$%&'*+-/=?^_`{|}~.";

    private Addresses() {
    }

    /**
     * One address such as {@code "Ada <ada@example.com>"} or {@code localpartonly}.
     *
     * @return the address, its domain in ASCII, its display name (if any) still in Unicode
     */
    static InternetAddress parseOne(String header, String value) {
        return parseOne(header, value, false);
    }

    /**
     * As {@link #parseOne(String, String)}; with {@code utf8} a local part beyond ASCII (RFC 6532
     * UTF-8 atext, no control or white space) is accepted instead of refused.
     */
    static InternetAddress parseOne(String header, String value, boolean utf8) {
        List<InternetAddress> parsed = parseList(header, value, utf8);
        if (parsed.size() != 1) {
            throw invalid(header, "each entry must hold exactly one address");
        }
        return parsed.get(0);
    }

    /** A comma-separated list of addresses, as given in a header override. */
    static List<InternetAddress> parseList(String header, String value) {
        return parseList(header, value, false);
    }

    /** As {@link #parseList(String, String)}; {@code utf8} as for {@link #parseOne(String, String, boolean)}. */
    static List<InternetAddress> parseList(String header, String value, boolean utf8) {
        checkNothingFollowsAngleAddress(header, value);
        InternetAddress[] parsed;
        try {
            // Not parse(): its domain check allows only letters and digits beyond ASCII, refusing
            // a symbol such as U+2764; parseHeader(.., false) leaves the checks to checkLocalPart and Idna.
            parsed = InternetAddress.parseHeader(value, false);
        } catch (AddressException e) {
            throw invalid(header, "it does not parse as an address");
        }
        if (parsed.length == 0) {
            throw invalid(header, "it is empty");
        }
        List<InternetAddress> result = new ArrayList<>(parsed.length);
        for (InternetAddress address : parsed) {
            if (address.isGroup()) {
                throw invalid(header, "groups are not supported");
            }
            result.add(withAsciiDomain(header, address, utf8));
        }
        return result;
    }

    /**
     * Jakarta Mail's parser ignores text after {@code <addr-spec>} (as in
     * {@code "a@x <b@y>@z"}); such a value is ambiguous, so it is refused. Only white space and
     * comments may follow, up to the next comma.
     */
    private static void checkNothingFollowsAngleAddress(String header, String value) {
        boolean quoted = false;
        boolean afterAngle = false;
        int comment = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
            } else if (quoted) {
                quoted = c != '"';
            } else if (comment > 0) {
                comment += c == '(' ? 1 : c == ')' ? -1 : 0;
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                comment = 1;
            } else if (c == '>') {
                afterAngle = true;
            } else if (c == ',') {
                afterAngle = false;
            } else if (afterAngle && !Character.isWhitespace(c)) {
                throw invalid(header, "text follows the <address>");
            }
        }
    }

    /** The same address without its display name: what the SMTP envelope carries. */
    static InternetAddress addrSpec(InternetAddress address) {
        InternetAddress bare = new InternetAddress();
        bare.setAddress(address.getAddress());
        return bare;
    }

    /**
     * Formats addresses for a header: display names quoted or RFC 2047 encoded in {@code charset}
     * (UTF-8 when {@code charset} cannot represent a name), the result folded.
     *
     * @param used the characters already used on the first line (the header name and ": ")
     */
    static String format(List<InternetAddress> addresses, Charset charset, int used) {
        List<InternetAddress> encoded = new ArrayList<>(addresses.size());
        for (InternetAddress address : addresses) {
            encoded.add(encodePersonal(address, charset));
        }
        return InternetAddress.toString(encoded.toArray(new InternetAddress[0]), used);
    }

    private static InternetAddress encodePersonal(InternetAddress address, Charset charset) {
        String personal = address.getPersonal();
        if (personal == null || personal.isEmpty()) {
            return addrSpec(address);
        }
        Charset usable = charset.newEncoder().canEncode(personal) ? charset : StandardCharsets.UTF_8;
        try {
            return new InternetAddress(address.getAddress(), personal, HeaderValues.mimeName(usable));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(
                    CHARSET_NOT_SUPPORTED.message("charset not supported for a display name"), e);
        }
    }

    private static InternetAddress withAsciiDomain(String header, InternetAddress address, boolean utf8) {
        String spec = address.getAddress();
        if (spec == null || spec.isEmpty()) {
            throw invalid(header, "it is empty");
        }
        int at = lastUnquotedAt(spec);
        String local = at < 0 ? spec : spec.substring(0, at);
        checkLocalPart(header, local, utf8);
        String ascii = local;
        if (at >= 0) {
            ascii = local + "@" + asciiDomain(header, spec.substring(at + 1));
        }
        InternetAddress result = new InternetAddress();
        result.setAddress(ascii);
        if (address.getPersonal() != null) {
            try {
                result.setPersonal(address.getPersonal(), "utf-8");
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(CHARSET_NOT_SUPPORTED.message("UTF-8 not supported"), e);
            }
        }
        return result;
    }

    private static int lastUnquotedAt(String spec) {
        if (spec.startsWith("\"")) {
            int close = closingQuote(spec);
            int at = spec.indexOf('@', close < 0 ? spec.length() : close);
            return at;
        }
        return spec.lastIndexOf('@');
    }

    private static int closingQuote(String spec) {
        for (int i = 1; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static void checkLocalPart(String header, String local, boolean utf8) {
        if (local.isEmpty()) {
            throw invalid(header, "the local part is empty");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c > 127 && !utf8) {
                throw new IllegalArgumentException(NON_ASCII_LOCAL_PART.message("an address in header '" + header
                        + "' has a non-ASCII local part, which only an SMTP server offering SMTPUTF8 (RFC 6531)"
                        + " accepts: the smtp backend sends it when its server offers SMTPUTF8, and refuses it"
                        + " otherwise; the file and console backends, which render for no server, refuse it"));
            }
            if (c > 127 && !HeaderBytes.isUtf8Text(c)) {
                throw invalid(header, "the local part has a control or white space character");
            }
        }
        if (local.startsWith("\"")) {
            if (local.length() < 2 || closingQuote(local) != local.length() - 1) {
                throw invalid(header, "the quoted local part is malformed");
            }
            for (int i = 0; i < local.length(); i++) {
                char c = local.charAt(i);
                if (c < 0x20 || c == 0x7f) { // RFC 5321 4.1.2: qtextSMTP and quoted-pairSMTP are printable ASCII
                    throw invalid(header, "the quoted local part contains a control character");
                }
                // Valid RFC 5321, but a relay that splits "RCPT TO:<...>" at '>' or at white space
                // would read what follows as ESMTP parameters (NOTIFY=, ORCPT=).
                if (c == ' ' || c == '<' || c == '>') {
                    throw invalid(header, "the quoted local part contains white space or an angle bracket");
                }
            }
            return;
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw invalid(header, "the local part has a misplaced dot");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (!(Character.isLetterOrDigit(c) || ATEXT.indexOf(c) >= 0 || c > 127)) {
                throw invalid(header, "the local part has a character that needs quoting");
            }
        }
    }

    private static String asciiDomain(String header, String domain) {
        if (domain.isEmpty()) {
            throw invalid(header, "the domain is empty");
        }
        try {
            return Idna.toAscii(domain);
        } catch (IllegalArgumentException e) {
            // IDN's own messages may quote the domain: keep only ours.
            throw invalid(header, e.getMessage() != null && e.getMessage().startsWith("the domain")
                    ? e.getMessage() : "the domain is not a valid internationalised domain name");
        }
    }

    private static IllegalArgumentException invalid(String header, String why) {
        return new IllegalArgumentException(INVALID_ADDRESS.message("invalid address in header '" + header + "': "
                + why));
    }
}

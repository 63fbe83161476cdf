package org.cdimail.impl.backend.smtp;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id a server gives an accepted message in its queue, read from its reply to the final dot
 * when the reply says so in a usual form; nothing else of the reply's text is kept.
 * <ul>
 * <li>Postfix and many others: {@code 250 2.0.0 Ok: queued as 4ABC12};</li>
 * <li>Exim: {@code 250 OK id=1abc23-000123-AB};</li>
 * <li>Sendmail: {@code 250 2.0.0 4B1CxyzA012345 Message accepted for delivery};</li>
 * <li>{@code 250 2.0.0 <token> Queued mail for delivery}, when the token is not an address.</li>
 * </ul>
 * An id is a token of letters, digits, {@code .}, {@code _} and {@code -}, at most 64 characters:
 * never anything with {@code @} (a Message-ID or an address), spaces or control characters.
 */
final class QueueId {

    private static final String TOKEN = "([A-Za-z0-9][A-Za-z0-9._-]{0,63})";
    private static final String END = "(?=$|[\\s;,)\\]])";
    private static final List<Pattern> FORMS = List.of(
            Pattern.compile("(?i)\\bqueued as " + TOKEN + END),
            Pattern.compile("(?i)(?:^|\\s)id=" + TOKEN + END),
            Pattern.compile("(?i)^" + TOKEN + " message accepted for delivery"),
            Pattern.compile("(?i)^<?" + TOKEN + ">? queued mail for delivery"));
    private static final Pattern ENHANCED = Pattern.compile("^[245]\\.\\d{1,3}\\.\\d{1,3}\\s+");

    private QueueId() {
    }

    /** The most usual form, read without a regular expression: the token after "queued as ". */
    private static String queuedAs(String text) {
        String marker = "queued as ";
        int at = -1;
        for (int i = 0; i + marker.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, marker, 0, marker.length())
                    && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                at = i + marker.length();
                break;
            }
        }
        if (at < 0) {
            return null;
        }
        int end = at;
        while (end < text.length() && end - at < 64 && tokenChar(text.charAt(end), end == at)) {
            end++;
        }
        boolean ends = end == text.length() || " \t;,)]".indexOf(text.charAt(end)) >= 0;
        return end > at && ends ? text.substring(at, end) : null;
    }

    private static boolean tokenChar(char c, boolean first) {
        boolean alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        return alnum || (!first && (c == '.' || c == '_' || c == '-'));
    }

    private static boolean mayHoldOne(String text) {
        for (int i = 0; i + 2 < text.length(); i++) {
            char c = (char) (text.charAt(i) | 0x20);
            if ((c == 'q' || c == 'a') || (c == 'i' && (text.charAt(i + 1) | 0x20) == 'd' && text.charAt(i + 2) == '=')) {
                return true;
            }
        }
        return false;
    }

    /**
     * The queue id in a reply line's text.
     *
     * @param text the text after the reply code ({@code 2.0.0 Ok: queued as 4ABC}), may be {@code null}
     * @return the id, or {@code null} when the text gives none in a usual form
     */
    static String of(String text) {
        if (text == null || text.indexOf('@') >= 0 || !mayHoldOne(text)) {
            return null; // most replies say just "Ok": no regular expression on the path of every message
        }
        String postfix = queuedAs(text);
        if (postfix != null) {
            return postfix;
        }
        String rest = ENHANCED.matcher(text.strip()).replaceFirst("");
        for (Pattern form : FORMS) {
            Matcher m = form.matcher(rest);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}

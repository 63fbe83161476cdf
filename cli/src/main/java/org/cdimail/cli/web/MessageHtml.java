package org.cdimail.cli.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prepares a message's HTML for the viewer's sandboxed frame, and says under which policy the
 * frame shows it.
 *
 * <p>The HTML itself is not sanitised: it is made harmless by where it is shown. It is served
 * from its own URL with a {@code Content-Security-Policy} that sandboxes it (no scripts, a unique
 * origin, no forms, no popups) and allows nothing to load but the message's own parts, inline
 * {@code data:} images and inline styles; the viewer's {@code <iframe sandbox>} adds the same
 * sandbox from the outside. Remote images and styles load only under the policy for remote
 * content, which the viewer asks for when the user clicks "Load remote content".
 */
final class MessageHtml {

    /** {@code cid:} in an attribute value or a CSS {@code url()}: {@code "cid:}, {@code 'cid:}, {@code =cid:}, {@code (cid:}. */
    private static final Pattern CID = Pattern.compile("(?i)([\"'=(]\\s*)cid:([^\"'\\s<>)]+)");

    /** A source that would be fetched from another host: {@code src=}, {@code background=}, a stylesheet, CSS {@code url()} or {@code @import}. */
    private static final Pattern REMOTE = Pattern.compile(
            "(?i)(?:\\b(?:src|srcset|background|poster)\\s*=\\s*[\"']?\\s*(?:https?:)?//)"
                    + "|(?:<link\\b[^>]*\\bhref\\s*=\\s*[\"']?\\s*(?:https?:)?//)"
                    + "|(?:url\\(\\s*[\"']?\\s*(?:https?:)?//)|(?:@import\\s+[\"']?\\s*(?:https?:)?//)");

    private MessageHtml() {
    }

    /**
     * Rewrites each {@code cid:} reference to a part of the message into that part's URL.
     * References to content ids the message does not have are left as they are (and load
     * nothing).
     *
     * @param html       the message's HTML
     * @param contentIds the message's content ids (without angle brackets), each with its part number
     * @param partsUrl   the URL of the message's parts, ending with {@code /}; the part number is appended
     * @return the HTML with the references rewritten
     */
    static String withPartUrls(String html, Map<String, Integer> contentIds, String partsUrl) {
        Matcher m = CID.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        while (m.find()) {
            Integer index = contentIds.get(URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
            String replacement = index == null ? m.group() : m.group(1) + partsUrl + index;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Whether the HTML refers to images, styles or fonts on other hosts, which the strict
     * policy blocks. A guess from the markup, used only to offer the "Load remote content"
     * button: whatever it answers, the policy decides what loads.
     *
     * @param html the message's HTML
     * @return {@code true} if it seems to refer to remote content
     */
    static boolean hasRemoteContent(String html) {
        return REMOTE.matcher(html).find();
    }

    /**
     * The {@code Content-Security-Policy} under which the frame shows the message.
     *
     * @param partsUrl     the absolute URL of the message's parts, ending with {@code /}
     * @param viewerOrigin the viewer's origin, the only page that may frame the message
     * @param remote       whether images, styles and fonts from other hosts may load
     * @return the policy
     */
    static String policy(String partsUrl, String viewerOrigin, boolean remote) {
        String others = remote ? " http: https:" : "";
        return "sandbox; default-src 'none'"
                + "; img-src " + partsUrl + " data:" + others
                + "; style-src 'unsafe-inline'" + others
                + "; font-src " + partsUrl + " data:" + others
                + "; base-uri 'none'; form-action 'none'"
                + "; frame-ancestors " + viewerOrigin;
    }
}

package org.cdimail.cli.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import org.cdimail.cli.web.DecodedMessage.PartInfo;

/**
 * {@code GET /view/ID/html}: a message's HTML body, for the viewer's sandboxed frame and
 * nothing else.
 *
 * <p>Its {@code cid:} references point at the message's parts. It is served under
 * {@link MessageHtml#policy}: sandboxed, no script, nothing loaded but the message's own parts
 * (and, with {@code ?remote=1}, images, styles and fonts from other hosts); only the viewer may
 * frame it.
 */
final class HtmlFrameHandler implements HttpHandler {

    private static final Pattern PATH = Pattern.compile("/view/(\\d{1,18})/html");

    private final MessageStore store;

    /**
     * A handler over a store.
     *
     * @param store the messages
     */
    HtmlFrameHandler(MessageStore store) {
        this.store = store;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
        if (!m.matches()) {
            Responses.error(exchange, 404, "no such resource");
            return;
        }
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            Responses.methodNotAllowed(exchange, "GET");
            return;
        }
        long id = Long.parseLong(m.group(1));
        Optional<StoredMessage> message = store.find(id);
        if (message.isEmpty()) {
            Responses.error(exchange, 404, "no message " + id);
            return;
        }
        DecodedMessage decoded;
        try {
            decoded = MimeDecoder.decode(message.get().source());
        } catch (MessagingException e) {
            Responses.error(exchange, 500, "message " + id + " cannot be parsed");
            return;
        } catch (IOException e) {
            Responses.error(exchange, 500, "message " + id + " cannot be read (was its saved file removed?)");
            return;
        }
        if (decoded.html().isEmpty()) {
            Responses.error(exchange, 404, "message " + id + " has no HTML body");
            return;
        }
        Map<String, Integer> contentIds = new HashMap<>();
        for (PartInfo part : decoded.parts()) {
            if (!part.contentId().isEmpty()) {
                contentIds.putIfAbsent(part.contentId(), part.index());
            }
        }
        String origin = RequestGuard.origin(exchange);
        String partsUrl = origin + "/api/v1/message/" + id + "/part/";
        boolean remote = Requests.query(exchange).containsKey("remote");
        String html = MessageHtml.withPartUrls(decoded.html().get(), contentIds, partsUrl);
        exchange.getResponseHeaders().set("Content-Security-Policy", MessageHtml.policy(partsUrl, origin, remote));
        // Links to other hosts must not even be resolved before the user asks.
        exchange.getResponseHeaders().set("X-DNS-Prefetch-Control", "off");
        Responses.send(exchange, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }
}

package org.cdimail.cli.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.mail.MessagingException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import org.cdimail.cli.web.MimeDecoder.PartContent;

/**
 * The JSON API under {@code /api/v1/}, documented in {@code docs/debug-server.md}:
 *
 * <ul>
 *   <li>{@code GET /api/v1/messages?query=Q&limit=N}: the messages, newest first, that match
 *       the query (see {@link MessageSearch}); at most {@code limit} (default 1000);</li>
 *   <li>{@code DELETE /api/v1/messages}: deletes every message;</li>
 *   <li>{@code GET /api/v1/message/ID}: one message taken apart; {@code DELETE} deletes it;</li>
 *   <li>{@code GET /api/v1/message/ID/raw}: its source as received ({@code ?download=1}: as an
 *       {@code .eml} attachment);</li>
 *   <li>{@code GET /api/v1/message/ID/part/N}: one part's decoded bytes, always as an
 *       attachment.</li>
 * </ul>
 *
 * <p>An unknown message or part is 404, a wrong method 405, a malformed parameter 400; every
 * error is {@code {"error": "..."}} and never quotes mail content.
 */
final class ApiHandler implements HttpHandler {

    /** The page size when the request gives none. */
    static final int DEFAULT_LIMIT = 1000;

    private static final Pattern MESSAGES = Pattern.compile("/api/v1/messages/?");
    private static final Pattern MESSAGE = Pattern.compile("/api/v1/message/(\\d{1,18})(/raw|/part/(\\d{1,9}))?/?");
    private static final Pattern TOKEN_TYPE = Pattern.compile("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+");

    private final MessageStore store;

    /**
     * A handler over a store.
     *
     * @param store the messages
     */
    ApiHandler(MessageStore store) {
        this.store = store;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        Map<String, String> query = Requests.query(exchange);
        if (MESSAGES.matcher(path).matches()) {
            switch (method) {
                case "GET", "HEAD" -> list(exchange, query);
                case "DELETE" -> Responses.json(exchange, 200, Json.createObjectBuilder().add("deleted", store.deleteAll()).build());
                default -> Responses.methodNotAllowed(exchange, "GET, DELETE");
            }
            return;
        }
        Matcher m = MESSAGE.matcher(path);
        if (!m.matches()) {
            Responses.error(exchange, 404, "no such resource");
            return;
        }
        long id = Long.parseLong(m.group(1));
        boolean whole = m.group(2) == null;
        if (!(method.equals("GET") || method.equals("HEAD") || method.equals("DELETE") && whole)) {
            Responses.methodNotAllowed(exchange, whole ? "GET, DELETE" : "GET");
            return;
        }
        if (method.equals("DELETE")) {
            if (store.delete(id)) {
                Responses.noContent(exchange);
            } else {
                Responses.error(exchange, 404, "no message " + id);
            }
            return;
        }
        Optional<StoredMessage> found = store.find(id);
        if (found.isEmpty()) {
            Responses.error(exchange, 404, "no message " + id);
            return;
        }
        try {
            if (whole) {
                message(exchange, found.get());
            } else if (m.group(3) == null) {
                raw(exchange, found.get(), query.containsKey("download"));
            } else {
                part(exchange, found.get(), Integer.parseInt(m.group(3)));
            }
        } catch (MessagingException e) {
            Responses.error(exchange, 500, "message " + id + " cannot be parsed");
        } catch (IOException e) {
            if (exchange.getResponseCode() != -1) {
                throw e; // the client went away while the answer was being sent
            }
            Responses.error(exchange, 500, "message " + id + " cannot be read (was its saved file removed?)");
        }
    }

    private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
        int limit = DEFAULT_LIMIT;
        String given = query.get("limit");
        if (given != null) {
            try {
                limit = Integer.parseInt(given);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1) {
                Responses.error(exchange, 400, "limit must be a whole number of at least 1");
                return;
            }
        }
        List<StoredMessage> matching = MessageSearch.matching(store.newestFirst(), query.getOrDefault("query", ""));
        Responses.json(exchange, 200, MessageJson.list(matching.size(), matching.subList(0, Math.min(limit, matching.size()))));
    }

    private static void message(HttpExchange exchange, StoredMessage message) throws IOException, MessagingException {
        DecodedMessage decoded = MimeDecoder.decode(message.source());
        boolean remote = decoded.html().map(MessageHtml::hasRemoteContent).orElse(false);
        Responses.json(exchange, 200, MessageJson.message(message, decoded, remote));
    }

    private static void raw(HttpExchange exchange, StoredMessage message, boolean download) throws IOException {
        byte[] bytes = message.source().readAll();
        if (download) {
            exchange.getResponseHeaders().set("Content-Disposition", attachment("message-" + message.id() + ".eml"));
            Responses.send(exchange, 200, "message/rfc822", bytes);
        } else {
            Responses.send(exchange, 200, "text/plain; charset=utf-8", bytes);
        }
    }

    private static void part(HttpExchange exchange, StoredMessage message, int index) throws IOException, MessagingException {
        Optional<PartContent> part = MimeDecoder.part(message.source(), index);
        if (part.isEmpty()) {
            Responses.error(exchange, 404, "message " + message.id() + " has no part " + index);
            return;
        }
        DecodedMessage.PartInfo info = part.get().info();
        String name = info.filename().isEmpty() ? "part-" + index : info.filename();
        String type = TOKEN_TYPE.matcher(info.contentType()).matches() ? info.contentType() : "application/octet-stream";
        exchange.getResponseHeaders().set("Content-Disposition", attachment(name));
        // An image shows in an <img> whatever its disposition; anything opened directly is
        // downloaded, and would be sandboxed if a browser ever rendered it.
        exchange.getResponseHeaders().set("Content-Security-Policy", "sandbox; default-src 'none'");
        Responses.send(exchange, 200, type, part.get().bytes());
    }

    /**
     * A {@code Content-Disposition} of {@code attachment} with the file name twice: in ASCII for
     * old clients, and in RFC 6266's UTF-8 form.
     *
     * @param filename the file name, any characters
     * @return the header's value
     */
    static String attachment(String filename) {
        String ascii = filename.replaceAll("[^A-Za-z0-9._ -]", "_");
        String encoded = URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}

package org.cdimail.cli.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * The viewer page itself: a fixed list of files read once from the jar (resources next to this
 * class), served with the page's policy from {@link RequestGuard}. Any other path is 404.
 */
final class StaticFiles implements HttpHandler {

    private record File(String type, byte[] bytes) {
    }

    private final Map<String, File> files = Map.of(
            "/", load("index.html", "text/html; charset=utf-8"),
            "/static/viewer.js", load("viewer.js", "text/javascript; charset=utf-8"),
            "/static/viewer.css", load("viewer.css", "text/css; charset=utf-8"),
            "/static/favicon.svg", load("favicon.svg", "image/svg+xml"));

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        File file = files.get(exchange.getRequestURI().getPath());
        if (file == null) {
            Responses.error(exchange, 404, "no such resource");
        } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            Responses.methodNotAllowed(exchange, "GET");
        } else {
            Responses.send(exchange, 200, file.type(), file.bytes());
        }
    }

    private static File load(String name, String type) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + StaticFiles.class.getName());
            }
            return new File(type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

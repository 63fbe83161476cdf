package org.cdimail.cli.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import jakarta.json.Json;
import jakarta.json.JsonStructure;
import jakarta.json.JsonWriter;

import com.sun.net.httpserver.HttpExchange;

/** Writes the responses of the viewer's handlers: bytes, JSON, and errors as JSON. */
final class Responses {

    private Responses() {
    }

    /**
     * Sends a complete response and closes the exchange. A {@code HEAD} request gets the
     * headers only.
     *
     * @param exchange    the exchange
     * @param status      the status code
     * @param contentType the {@code Content-Type}
     * @param body        the body
     * @throws IOException if the client went away
     */
    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /**
     * Sends a JSON document.
     *
     * @param exchange the exchange
     * @param status   the status code
     * @param json     the document
     * @throws IOException if the client went away
     */
    static void json(HttpExchange exchange, int status, JsonStructure json) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonWriter writer = Json.createWriter(text)) {
            writer.write(json);
        }
        send(exchange, status, "application/json", text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends {@code {"error": message}}.
     *
     * @param exchange the exchange
     * @param status   the status code
     * @param message  what went wrong; never mail content or an address
     * @throws IOException if the client went away
     */
    static void error(HttpExchange exchange, int status, String message) throws IOException {
        json(exchange, status, Json.createObjectBuilder().add("error", message).build());
    }

    /**
     * Sends 204 No Content.
     *
     * @param exchange the exchange
     * @throws IOException if the client went away
     */
    static void noContent(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    /**
     * Refuses a method: 405 with the {@code Allow} header.
     *
     * @param exchange the exchange
     * @param allowed  the methods the resource accepts, comma-separated
     * @throws IOException if the client went away
     */
    static void methodNotAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        error(exchange, 405, "method not allowed; use " + allowed);
    }
}

package org.cdimail.cli.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/** Reads what the handlers need of a request. */
final class Requests {

    private Requests() {
    }

    /**
     * The query parameters of a request; the first value of each name. A parameter that is not
     * validly percent-encoded is left out.
     *
     * @param exchange the exchange
     * @return the parameters by name; a name given without {@code =} maps to the empty string
     */
    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                // Not percent-encoded correctly: ignored, as a missing parameter.
            }
        }
        return params;
    }
}

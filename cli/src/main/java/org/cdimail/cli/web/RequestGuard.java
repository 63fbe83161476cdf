package org.cdimail.cli.web;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

/**
 * In front of every handler: refuses requests that do not name this server, and sets the
 * headers every response carries.
 *
 * <ul>
 *   <li>The {@code Host} header must be {@code 127.0.0.1:PORT} or {@code localhost:PORT}: a web
 *       page whose own host name was re-pointed at 127.0.0.1 (DNS rebinding) sends its own name
 *       and is refused with 403.</li>
 *   <li>A {@code DELETE} whose {@code Origin} is another site's is refused with 403.</li>
 *   <li>Every response carries {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy:
 *       no-referrer}, {@code Cache-Control: no-store}, and the viewer page's policy,
 *       {@code default-src 'self'} with no inline script and no framing, which the handlers of
 *       message HTML and parts replace with their own.</li>
 * </ul>
 */
final class RequestGuard extends Filter {

    /** The policy of the viewer page and of every response that does not set its own. */
    static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private final Set<String> hosts;
    private final String canonicalHost;

    /**
     * A guard for a server on a port of the loopback interface.
     *
     * @param port the port the server listens on
     */
    RequestGuard(int port) {
        this.canonicalHost = "127.0.0.1:" + port;
        this.hosts = Set.of(canonicalHost, "localhost:" + port);
    }

    /**
     * The origin a browser gives the viewer when it is opened at a given host.
     *
     * @param exchange an exchange that passed the guard
     * @return {@code http://} and its {@code Host} header
     */
    static String origin(HttpExchange exchange) {
        return "http://" + exchange.getRequestHeaders().getFirst("Host").toLowerCase(Locale.ROOT);
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        Headers response = exchange.getResponseHeaders();
        response.set("X-Content-Type-Options", "nosniff");
        response.set("Referrer-Policy", "no-referrer");
        response.set("Cache-Control", "no-store");
        response.set("Content-Security-Policy", PAGE_POLICY);
        try {
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
                Responses.error(exchange, 403, "unknown Host header; open the viewer at http://" + canonicalHost);
                return;
            }
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (exchange.getRequestMethod().equals("DELETE") && origin != null
                    && !origin.toLowerCase(Locale.ROOT).equals(origin(exchange))) {
                Responses.error(exchange, 403, "cross-origin request refused");
                return;
            }
            chain.doFilter(exchange);
        } finally {
            exchange.close();
        }
    }

    @Override
    public String description() {
        return "Host check and security headers";
    }
}

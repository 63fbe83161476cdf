package org.cdimail.cli.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * {@code GET /api/v1/events}: the store's changes as server-sent events, so that the viewer's
 * list follows without reloading.
 *
 * <p>Each change is one event named {@code added}, {@code deleted} or {@code cleared} whose data
 * is {@code {"id": ID}} ({@code {}} for {@code cleared}). A comment line is sent every 15 seconds
 * so that a client that went away is noticed. Each open stream holds one of the server's
 * threads; at most {@value #MAX_CLIENTS} streams are open at once, and one more gets 503.
 */
final class EventStream implements HttpHandler, AutoCloseable {

    /** How many streams may be open at once. */
    static final int MAX_CLIENTS = 16;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** Queued to end a stream; no event formats to the empty string. */
    private static final String END = "";

    private final MessageStore store;
    private final Semaphore slots = new Semaphore(MAX_CLIENTS);
    private final Set<BlockingQueue<String>> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * A stream of a store's changes.
     *
     * @param store the messages
     */
    EventStream(MessageStore store) {
        this.store = store;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            Responses.methodNotAllowed(exchange, "GET");
            return;
        }
        if (closed || !slots.tryAcquire()) {
            Responses.error(exchange, 503, "too many event streams are open");
            return;
        }
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Consumer<MessageStore.Event> subscriber = event -> queue.add(format(event));
        clients.add(queue);
        store.subscribe(subscriber);
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            write(out, "retry: 2000\n\n");
            while (!closed) {
                String event = queue.poll(KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS);
                if (END.equals(event)) {
                    break;
                }
                write(out, event == null ? ": keep-alive\n\n" : event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away: its stream ends here.
        } finally {
            store.unsubscribe(subscriber);
            clients.remove(queue);
            slots.release();
            exchange.close();
        }
    }

    /** Ends every open stream; no new one is accepted. */
    @Override
    public void close() {
        closed = true;
        clients.forEach(queue -> queue.add(END));
    }

    private static String format(MessageStore.Event event) {
        String name = event.change().name().toLowerCase(Locale.ROOT);
        String data = event.change() == MessageStore.Change.CLEARED ? "{}" : "{\"id\":" + event.id() + "}";
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}

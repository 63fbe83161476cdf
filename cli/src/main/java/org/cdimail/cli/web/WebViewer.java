package org.cdimail.cli.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The web view of {@code cdi-mail debug-server --web}: keeps the messages the debug server
 * receives and serves the viewer page, its JSON API and its event stream on 127.0.0.1.
 *
 * <p>Messages are kept in memory, at most {@code maxMessages} of them, the oldest dropped first;
 * or, when the debug server saves them ({@code --save}), only their summaries are in memory and
 * their bytes are read from the saved files. Deleting a message in the viewer never deletes a
 * saved file.
 */
public final class WebViewer implements AutoCloseable {

    /** The port when {@code --web} is given without one. */
    public static final int DEFAULT_PORT = 8025;

    /** How many messages are kept in memory when {@code --web-max} is not given. */
    public static final int DEFAULT_MAX_MESSAGES = 500;

    /** The only interface the viewer listens on. */
    public static final String HOST = "127.0.0.1";

    private final int port;
    private final MessageStore store;
    private final EventStream events;
    // Set by start(); read by close(), which a shutdown hook may call from another thread.
    private volatile HttpServer server;
    private volatile ExecutorService executor;

    /**
     * A viewer, not yet listening.
     *
     * @param port        the port on 127.0.0.1, 0 for any free one
     * @param maxMessages the most messages kept, at least 1; the oldest are dropped first
     * @throws IllegalArgumentException if {@code maxMessages} is less than 1
     */
    public WebViewer(int port, int maxMessages) {
        this.port = port;
        this.store = new MessageStore(maxMessages);
        this.events = new EventStream(store);
    }

    /**
     * Starts listening.
     *
     * @return the port it listens on
     * @throws IOException if the port cannot be bound
     */
    public int start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), port), 0);
        RequestGuard guard = new RequestGuard(server.getAddress().getPort());
        route("/", new StaticFiles(), guard);
        route("/api/v1/", new ApiHandler(store), guard);
        route("/api/v1/events", events, guard);
        route("/view/", new HtmlFrameHandler(store), guard);
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "cdi-mail web " + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return server.getAddress().getPort();
    }

    private void route(String path, HttpHandler handler, RequestGuard guard) {
        HttpContext context = server.createContext(path, handler);
        context.getFilters().add(guard);
    }

    /**
     * Keeps a message the debug server received, and tells open viewers.
     *
     * @param number       the message's number in this server run, its id in the viewer
     * @param envelopeFrom the {@code MAIL FROM} address
     * @param envelopeTo   the {@code RCPT TO} addresses
     * @param message      the message as received
     * @param savedAs      the {@code .eml} file it was saved as, if it was
     * @throws IOException        if the message cannot be written to memory or its file measured
     * @throws MessagingException if the message cannot be written
     */
    public void received(long number, String envelopeFrom, List<String> envelopeTo, MimeMessage message,
            Optional<Path> savedAs) throws IOException, MessagingException {
        RawSource source;
        long size;
        if (savedAs.isPresent()) {
            source = new RawSource.OnDisk(savedAs.get());
            size = Files.size(savedAs.get());
        } else {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            source = new RawSource.InMemory(bytes.toByteArray());
            size = bytes.size();
        }
        MessageSummary summary;
        try {
            summary = MimeDecoder.summarize(MimeDecoder.parse(source));
        } catch (MessagingException | IOException e) {
            summary = new MessageSummary(List.of(), List.of(), List.of(), "", 0);
        }
        store.add(new StoredMessage(number, Instant.now().truncatedTo(ChronoUnit.MILLIS), envelopeFrom, envelopeTo, summary, size, source));
    }

    /** Ends the open event streams and stops listening. */
    @Override
    public void close() {
        events.close();
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}

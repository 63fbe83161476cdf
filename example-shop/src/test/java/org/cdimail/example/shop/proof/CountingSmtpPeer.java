package org.cdimail.example.shop.proof;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * An SMTP server that counts connections, standing where the shop's configuration sends mail.
 * JUnit starts it before any test, through
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}: it binds
 * {@code 127.0.0.1} (the configured {@code mail.host}) on a free port and sets the system property
 * {@value #PORT_PROPERTY}, which {@code mail.port} and {@code mail.transactional.port} read through
 * SmallRye Config expressions. It counts every TCP connection when it accepts it, answers SMTP just
 * enough for a client to deliver a message, and closes at the end of the session.
 *
 * <p>It also records which test classes the run planned and which have finished, so that
 * {@link NoRealMailWasSentTest} can tell it ran after all the others. Everything is static: JUnit
 * creates this listener, the test classes only read it, all in surefire's single JVM.
 */
public final class CountingSmtpPeer implements LauncherSessionListener {

    /** The system property that the shop's configuration reads its SMTP port from. */
    static final String PORT_PROPERTY = "shop.smtp.port";

    private static final AtomicInteger CONNECTIONS = new AtomicInteger();
    private static final AtomicInteger MESSAGES = new AtomicInteger();
    private static final AtomicInteger DELIBERATE = new AtomicInteger();
    private static final Set<String> PLANNED = ConcurrentHashMap.newKeySet();
    private static final Set<String> FINISHED = ConcurrentHashMap.newKeySet();
    private static volatile ServerSocket server;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        start();
        session.getLauncher().registerTestExecutionListeners(new TestExecutionListener() {
            @Override
            public void testPlanExecutionStarted(TestPlan plan) {
                plan.getRoots().forEach(root -> plan.getDescendants(root).forEach(id -> className(id)
                        .ifPresent(PLANNED::add)));
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                className(id).ifPresent(FINISHED::add);
            }
        });
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        stop();
    }

    private static Optional<String> className(TestIdentifier id) {
        return id.getSource().filter(ClassSource.class::isInstance).map(s -> ((ClassSource) s).getClassName());
    }

    private static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(PORT_PROPERTY, String.valueOf(server.getLocalPort()));
        ServerSocket listening = server;
        Thread acceptor = new Thread(() -> accept(listening), "counting-smtp-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                // closing anyway
            }
            server = null;
        }
    }

    private static void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            Socket socket;
            try {
                socket = listening.accept();
            } catch (IOException e) {
                return; // closed by stop()
            }
            CONNECTIONS.incrementAndGet();
            Thread conversation = new Thread(() -> converse(socket), "counting-smtp-peer-connection");
            conversation.setDaemon(true);
            conversation.start();
        }
    }

    /** Answers 250 to every command a client needs, takes the message after DATA, 221 to QUIT. */
    private static void converse(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.ISO_8859_1)) {
            socket.setSoTimeout(10_000);
            reply(out, "220 127.0.0.1 counting SMTP peer");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        for (line = in.readLine(); line != null && !line.equals("."); line = in.readLine()) {
                            // the message content is not kept
                        }
                        MESSAGES.incrementAndGet();
                        reply(out, "250 OK counted");
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    /**
     * Whether the peer is listening.
     *
     * @return {@code true} between the start and the end of the launcher session
     */
    static boolean isRunning() {
        ServerSocket current = server;
        return current != null && !current.isClosed();
    }

    /**
     * The port the peer listens on.
     *
     * @return the port
     */
    static int port() {
        return server.getLocalPort();
    }

    /**
     * The TCP connections accepted so far, by any test.
     *
     * @return the count
     */
    static int connections() {
        return CONNECTIONS.get();
    }

    /**
     * The messages received so far (a {@code DATA} completed with its final dot).
     *
     * @return the count
     */
    static int messages() {
        return MESSAGES.get();
    }

    /**
     * Records connections a test made on purpose, to prove the peer counts.
     *
     * @param count the connections that test made
     */
    static void recordDeliberateConnections(int count) {
        DELIBERATE.addAndGet(count);
    }

    /**
     * The connections tests recorded as made on purpose.
     *
     * @return the count
     */
    static int deliberateConnections() {
        return DELIBERATE.get();
    }

    /**
     * The test classes of this run that have not finished yet.
     *
     * @return their names
     */
    static Set<String> unfinishedClasses() {
        Set<String> unfinished = ConcurrentHashMap.newKeySet();
        unfinished.addAll(PLANNED);
        unfinished.removeAll(FINISHED);
        return unfinished;
    }
}

package org.cdimail.it.payaratck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import fish.payara.arquillian.container.payara.managed.PayaraMicroContainerConfiguration;
import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Arquillian's Payara Micro managed adapter ({@code fish.payara.arquillian:arquillian-payara-micro-managed:3.1})
 * made fit for a TCK run on a small CI machine. The adapter starts one Payara Micro per deployment
 * (per TCK class) and this class keeps that, adding what the adapter leaves out:
 * <ul>
 * <li>a free port on 127.0.0.1 for each server ({@code --port}; the listener is bound to 127.0.0.1 by the
 * pre-boot command file of {@code arquillian.xml}), and the tests' HTTP address rewritten to 127.0.0.1,
 * where the adapter would use the host name Payara prints;</li>
 * <li>a failed deployment is a deployment failure: Payara Micro boots and reports ready even when the WAR
 * failed, so the deployment counts only if its Arquillian servlet answers over HTTP (the adapter's list of
 * servlets, read from Payara's output, can be incomplete when the output is read too early).
 * When Payara's log shows a CDI {@code DeploymentException}, that is the cause of the failure, which is
 * what the TCK's {@code broken} group expects;</li>
 * <li>each server stopped before the next one starts: the adapter sends SIGTERM and returns, this waits
 * for the process to end and kills it if it does not, then closes its output, on whose end of stream the
 * adapter's reader thread would otherwise spin for the rest of the run.</li>
 * </ul>
 * Registered in place of the adapter's container by {@link PayaraTckExtension}.
 */
public final class PayaraMicroForTheTck implements DeployableContainer<PayaraMicroContainerConfiguration> {

    private static final System.Logger LOG = System.getLogger(PayaraMicroForTheTck.class.getName());
    /** The servlet of Arquillian's Jakarta servlet protocol, through which the tests run in the server. */
    private static final String TEST_RUNNER = "ArquillianServletRunnerEE9";
    private static final String PAYARA_CDI_FAILURE = "CDI deployment failure:";
    private static final String CDI_FAILURE = jakarta.enterprise.inject.spi.DeploymentException.class.getName();
    private static final String WELD_FAILURE = "org.jboss.weld.exceptions.DeploymentException";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    private final PayaraMicroDeployableContainer adapter = new PayaraMicroDeployableContainer();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
    private PayaraMicroContainerConfiguration configuration;
    private String microOptions;
    private Process server;

    @Override
    public Class<PayaraMicroContainerConfiguration> getConfigurationClass() {
        return PayaraMicroContainerConfiguration.class;
    }

    @Override
    public void setup(PayaraMicroContainerConfiguration configuration) {
        this.configuration = configuration;
        this.microOptions = configuration.getExtraMicroOptions() == null ? "" : configuration.getExtraMicroOptions();
        adapter.setup(configuration);
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return adapter.getDefaultProtocol();
    }

    @Override
    public void start() throws LifecycleException {
        adapter.start();
    }

    @Override
    public void stop() throws LifecycleException {
        stopServer();
        adapter.stop();
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        stopServer();
        int port = freePort();
        configuration.setExtraMicroOptions((microOptions + " --port " + port).trim());
        Process before = adapterProcess();
        ProtocolMetaData reported = null;
        DeploymentException notStarted = null;
        try {
            reported = adapter.deploy(archive);
        } catch (DeploymentException e) {
            notStarted = e; // the adapter's startup timeout: no "Instance Configuration" in the output
        } catch (RuntimeException e) {
            server = startedSince(before);
            stopServer();
            throw e;
        }
        server = startedSince(before);
        if (server != null) {
            LOG.log(System.Logger.Level.INFO, "Payara Micro for {0}: PID {1}, port {2}", archive.getName(),
                    Long.toString(server.pid()), Integer.toString(port));
        }
        if (reported == null) {
            String log = adapterLog();
            stopServer();
            throw new DeploymentException("Payara Micro did not start for " + archive.getName() + "\n" + tail(log),
                    notStarted);
        }
        HTTPContext context = onLoopback(reported, port);
        if (context.getServletByName(TEST_RUNNER) == null) {
            // The adapter may read Payara's summary before its list of deployments is written (a race
            // seen on a busy machine), or Payara did not deploy the WAR: HTTP tells which.
            context.add(new Servlet(TEST_RUNNER, "/" + archive.getName().replaceFirst("\\.war$", "")));
        }
        if (!answers(context.getServletByName(TEST_RUNNER))) {
            String log = adapterLog();
            stopServer();
            throw failure(archive, log);
        }
        return new ProtocolMetaData().addContext(context);
    }

    @Override
    public void undeploy(Archive<?> archive) throws DeploymentException {
        stopServer();
        deleteExportedArchive(archive);
    }

    /** The adapter's HTTP context on 127.0.0.1, where Payara listens, instead of the host name it printed. */
    private static HTTPContext onLoopback(ProtocolMetaData reported, int port) {
        HTTPContext loopback = new HTTPContext("127.0.0.1", port);
        for (HTTPContext context : reported.getContexts(HTTPContext.class)) {
            for (Servlet servlet : context.getServlets()) {
                loopback.add(new Servlet(servlet.getName(), servlet.getContextRoot()));
            }
        }
        return loopback;
    }

    /** Whether the deployment's test runner servlet is there: any answer but 404 (it wants parameters). */
    private boolean answers(Servlet runner) {
        URI uri = runner.getBaseURI().resolve(TEST_RUNNER);
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT).GET().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            LOG.log(System.Logger.Level.DEBUG, "{0} answered {1}", uri, Integer.toString(status));
            return status != 404;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} did not answer: {1}", uri, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The failure of a deployment that Payara did not start: caused by the CDI
     * {@code DeploymentException} that the log shows, if it shows one, with that exception's message.
     */
    private static DeploymentException failure(Archive<?> archive, String log) {
        String message = "Payara Micro did not deploy " + archive.getName();
        String cdiProblem = cdiDeploymentProblem(log);
        if (cdiProblem == null) {
            return new DeploymentException(message + " (no CDI DeploymentException in its log; all of it is in the"
                    + " class's -output.txt report)\n" + problems(log));
        }
        return new DeploymentException(message + ": " + cdiProblem,
                new jakarta.enterprise.inject.spi.DeploymentException(cdiProblem));
    }

    /**
     * The message of the first CDI deployment exception in Payara's log, or null. Payara's
     * {@code WeldDeployer} reports Weld's {@code DeploymentException} as a GlassFish
     * {@code DeploymentException} whose message starts {@value #PAYARA_CDI_FAILURE}, without the
     * cause's stack trace (a definition error starts "CDI definition failure:"); Arquillian's GlassFish
     * adapters read it the same way. The exception's own name is looked for too.
     */
    static String cdiDeploymentProblem(String log) {
        for (String line : log.lines().toList()) {
            for (String marker : List.of(PAYARA_CDI_FAILURE, WELD_FAILURE + ": ", CDI_FAILURE + ": ")) {
                int at = line.indexOf(marker);
                if (at >= 0) {
                    return line.substring(at + marker.length()).strip();
                }
            }
        }
        return null;
    }

    /** Stops the server of the current deployment, if any, and waits until it and its children have ended. */
    private void stopServer() {
        Process process = server;
        server = null;
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        try {
            adapter.undeploy((Archive<?>) null); // removes the adapter's shutdown hook and sends SIGTERM
        } catch (DeploymentException e) {
            LOG.log(System.Logger.Level.WARNING, "Payara Micro PID {0}: {1}", Long.toString(process.pid()),
                    e.toString());
        }
        for (ProcessHandle handle : tree) {
            handle.destroy();
        }
        for (ProcessHandle handle : tree) {
            if (!exits(handle, STOP_TIMEOUT)) {
                LOG.log(System.Logger.Level.WARNING, "Payara Micro PID {0} ignored SIGTERM, killing it",
                        Long.toString(handle.pid()));
                handle.destroyForcibly();
                exits(handle, STOP_TIMEOUT);
            }
        }
        try {
            // The adapter's reader loops on readLine() until it throws; at end of stream it returns null.
            process.getInputStream().close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing Payara Micro's output: {0}", e.toString());
        }
    }

    private static boolean exits(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    /** Deletes the adapter's copy of the archive ({@code <tmpdir>/arquillian-payara-micro<n>/deployments/}). */
    private static void deleteExportedArchive(Archive<?> archive) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> dirs = Files.list(tmp)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("arquillian-payara-micro")
                    && Files.exists(d.resolve("deployments").resolve(archive.getName()))).toList()) {
                deleteTree(dir);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot clean {0}: {1}", tmp, e.toString());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The log's lines that name a problem: what a failed deployment's message shows. */
    private static String problems(String log) {
        return String.join("\n", log.lines().filter(l -> l.contains("SEVERE") || l.contains("Exception"))
                .limit(20).toList());
    }

    private static String tail(String log) {
        return log.length() <= 6000 ? log : log.substring(log.length() - 6000);
    }

    /** The adapter's process of the latest deployment if it is not {@code before}, or null. */
    private Process startedSince(Process before) {
        Process latest = adapterProcess();
        return latest == before ? null : latest;
    }

    /** The adapter's process of the latest deployment (a private field of adapter 3.1). */
    private Process adapterProcess() {
        return (Process) adapterField("payaraMicroProcess");
    }

    /** Payara Micro's output up to the adapter's "ready" (a private field of adapter 3.1). */
    private String adapterLog() {
        Object log = adapterField("log");
        return log == null ? "" : log.toString();
    }

    private Object adapterField(String name) {
        try {
            Field field = PayaraMicroDeployableContainer.class.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(adapter);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Arquillian's Payara Micro adapter has no field " + name
                    + "; PayaraMicroForTheTck is written for version 3.1", e);
        }
    }
}

package org.cdimail.it.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Payara Micro started with {@code java -jar payara-micro.jar}, clustering and Hazelcast off, its
 * HTTP listener bound to 127.0.0.1 by a pre-boot command file, the WARs given with
 * {@code --deploy}. Payara Micro reports "ready" even when a deployment failed, so whether a WAR
 * is deployed is read over HTTP.
 */
public final class PayaraMicroServer implements AppServer {

    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);

    private final int port;
    private final ServerProcess process;

    private PayaraMicroServer(int port, ServerProcess process) {
        this.port = port;
        this.process = process;
    }

    /**
     * Starts Payara Micro with the WARs and waits until it is ready and answers HTTP.
     *
     * @param jar              {@code payara-micro.jar}
     * @param work             a directory for this run (root directory, command files, log)
     * @param systemProperties a properties file for the server JVM ({@code --systemproperties})
     * @param preBootCommands  asadmin commands run before the server boots
     * @param postBootCommands asadmin commands run once it has booted, before the deployments
     * @param wars             the WARs to deploy; each one's context root is its file name
     * @return the started server
     * @throws IOException if it cannot be set up
     */
    public static PayaraMicroServer start(Path jar, Path work, Path systemProperties, Path preBootCommands,
            Path postBootCommands, List<Path> wars) throws IOException {
        Files.createDirectories(work);
        int port = Ports.freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", jar.toString(),
                "--nocluster", "--disablephonehome",
                "--port", Integer.toString(port),
                "--rootdir", work.resolve("payara-root").toString(),
                "--prebootcommandfile", preBootCommands.toString(),
                "--postbootcommandfile", postBootCommands.toString(),
                "--systemproperties", systemProperties.toString()));
        for (Path war : wars) {
            command.add("--deploy");
            command.add(war.toString());
        }
        ServerProcess process = ServerProcess.start("Payara Micro", command, Map.of(), work,
                work.resolve("payara-micro.log"));
        PayaraMicroServer server = new PayaraMicroServer(port, process);
        try {
            URI root = URI.create("http://127.0.0.1:" + port + "/");
            process.awaitCondition("\"ready in\" and HTTP on " + root, BOOT_TIMEOUT,
                    () -> process.output().contains(" ready in ") && Http.statusOf(root) != 0);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "Payara Micro";
    }

    @Override
    public URI application(String contextRoot) {
        return URI.create("http://127.0.0.1:" + port + "/" + contextRoot + "/");
    }

    /** MicroProfile Health, served on the HTTP port once an application is deployed. */
    @Override
    public URI healthReady() {
        return URI.create("http://127.0.0.1:" + port + "/health/ready");
    }

    /** MicroProfile Metrics, served on the HTTP port once an application is deployed. */
    @Override
    public URI metrics() {
        return URI.create("http://127.0.0.1:" + port + "/metrics");
    }

    @Override
    public String log() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }
}

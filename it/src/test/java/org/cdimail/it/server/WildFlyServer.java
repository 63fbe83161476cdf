package org.cdimail.it.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * WildFly from the distribution zip, started with {@code bin/standalone.sh} on 127.0.0.1 only, with
 * a port offset and a fresh copy of {@code standalone/} per run; configured with
 * {@code bin/jboss-cli.sh} scripts; WARs deployed by copying them into the deployment scanner's
 * directory and read back through its marker files ({@code .deployed}, {@code .failed}).
 */
public final class WildFlyServer implements AppServer {

    private static final int HTTP = 8080;
    private static final int MANAGEMENT = 9990;
    /** Every port of the default socket-binding group, so that the offset leaves all of them free. */
    public static final int[] BOUND_PORTS = { 8009, HTTP, 8443, MANAGEMENT, 9993, 4712, 4713 };
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final Path baseDir;
    private final int offset;
    private final ServerProcess process;

    private WildFlyServer(Path home, Path baseDir, int offset, ServerProcess process) {
        this.home = home;
        this.baseDir = baseDir;
        this.offset = offset;
        this.process = process;
    }

    /**
     * Starts WildFly and waits until it reports it has started and answers HTTP.
     *
     * @param home             the unpacked distribution
     * @param work             a directory for this run (its {@code standalone/} and logs)
     * @param systemProperties a properties file for the server JVM ({@code --properties})
     * @return the started server
     * @throws IOException if it cannot be set up
     */
    public static WildFlyServer start(Path home, Path work, Path systemProperties) throws IOException {
        return start(home, work, systemProperties, "standalone.xml");
    }

    /**
     * Starts WildFly with a server configuration of the distribution and waits until it reports it
     * has started and answers HTTP.
     *
     * @param home             the unpacked distribution
     * @param work             a directory for this run (its {@code standalone/} and logs)
     * @param systemProperties a properties file for the server JVM ({@code --properties})
     * @param configuration    the file under {@code standalone/configuration}: {@code standalone.xml},
     *                         or {@code standalone-full.xml} for messaging (Artemis) and the rest of the
     *                         full platform
     * @return the started server
     * @throws IOException if it cannot be set up
     */
    public static WildFlyServer start(Path home, Path work, Path systemProperties, String configuration)
            throws IOException {
        Path baseDir = work.resolve("standalone");
        Files.createDirectories(work);
        copyStandalone(home, baseDir);
        int offset = Ports.freeOffset(BOUND_PORTS);
        List<String> command = List.of(home.resolve("bin/standalone.sh").toString(),
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.server.base.dir=" + baseDir, "-c", configuration,
                "--properties=" + systemProperties.toUri());
        Map<String, String> environment = Map.of(
                "JAVA_HOME", System.getProperty("java.home"),
                "JBOSS_JAVA_SIZING", "-Xms64m -Xmx512m",
                "LAUNCH_JBOSS_IN_BACKGROUND", "true");
        ServerProcess process = ServerProcess.start("WildFly", command, environment, work, work.resolve("wildfly.log"));
        WildFlyServer server = new WildFlyServer(home, baseDir, offset, process);
        try {
            URI root = URI.create("http://127.0.0.1:" + (HTTP + offset) + "/");
            process.awaitCondition("WFLYSRV0025 (started) and HTTP on " + root, BOOT_TIMEOUT,
                    () -> process.output().contains("WFLYSRV0025") && Http.statusOf(root) == 200);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Runs a management CLI script against the running server; fails unless it succeeds.
     *
     * @param script the script file
     * @return the CLI's output
     * @throws IOException if the CLI cannot be started
     */
    public String runCli(Path script) throws IOException {
        Path work = baseDir.getParent();
        Path log = work.resolve("cli-" + script.getFileName() + ".log");
        List<String> command = List.of(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=remote+http://127.0.0.1:" + (MANAGEMENT + offset), "--file=" + script);
        try (ServerProcess cli = ServerProcess.start("jboss-cli " + script.getFileName(), command,
                Map.of("JAVA_HOME", System.getProperty("java.home"), "JAVA_OPTS", "-Xmx128m"), work, log)) {
            int status = cli.awaitExitStatus(Duration.ofSeconds(90));
            if (status != 0) {
                throw new IllegalStateException("jboss-cli " + script + " failed with " + status + ":\n" + cli.output());
            }
            return cli.output();
        }
    }

    /**
     * Deploys WARs through the deployment scanner and waits until each is deployed or failed.
     *
     * @param wars the WARs
     * @return a deployment outcome per WAR file name
     * @throws IOException if a WAR cannot be copied
     */
    public Map<String, Deployment> deploy(List<Path> wars) throws IOException {
        Path deployments = baseDir.resolve("deployments");
        for (Path war : wars) {
            Files.copy(war, deployments.resolve(war.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> names = wars.stream().map(war -> war.getFileName().toString()).toList();
        process.awaitCondition("deployment markers for " + names, DEPLOY_TIMEOUT,
                () -> names.stream().allMatch(name -> Files.exists(deployments.resolve(name + ".deployed"))
                        || Files.exists(deployments.resolve(name + ".failed"))));
        Map<String, Deployment> outcomes = new java.util.LinkedHashMap<>();
        for (String name : names) {
            Path failed = deployments.resolve(name + ".failed");
            outcomes.put(name, Files.exists(failed)
                    ? Deployment.failed(Files.readString(failed, StandardCharsets.UTF_8))
                    : Deployment.deployed());
        }
        return outcomes;
    }

    @Override
    public String name() {
        return "WildFly";
    }

    @Override
    public URI application(String contextRoot) {
        return URI.create("http://127.0.0.1:" + (HTTP + offset) + "/" + contextRoot + "/");
    }

    /**
     * MicroProfile Health, served on the management interface; the configuration needs the
     * {@code microprofile-health-smallrye} subsystem ({@code wildfly/observability.cli}).
     */
    @Override
    public URI healthReady() {
        return URI.create("http://127.0.0.1:" + (MANAGEMENT + offset) + "/health/ready");
    }

    /**
     * Micrometer's Prometheus registry on the management interface, at the context
     * {@code wildfly/observability.cli} gives it.
     */
    @Override
    public URI metrics() {
        return URI.create("http://127.0.0.1:" + (MANAGEMENT + offset) + "/prometheus");
    }

    @Override
    public String log() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }

    /**
     * Copies the distribution's {@code standalone/} for one run ({@code jboss.server.base.dir}).
     *
     * @param home    the unpacked distribution
     * @param baseDir the copy
     * @throws IOException if it cannot be copied
     */
    public static void copyStandalone(Path home, Path baseDir) throws IOException {
        copyTree(home.resolve("standalone"), baseDir);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(sources::add);
        }
        for (Path source : sources) {
            Path target = to.resolve(from.relativize(source).toString());
            try {
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

package org.cdimail.example.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An outside implementor's first run, replayed: the complete runner pom exactly as
 * {@code tck/README.md} quotes it, next to a small pickup-directory backend and its porting
 * package ({@code src/it/pickup-backend}), built by a forked {@code mvn verify} in a directory of
 * its own. The forked build sees cdi-mail only as installed artifacts: this build's jars and poms,
 * copied in repository layout into a private local repository under {@code target/}; every
 * other artifact comes from the user's local repository, read as a {@code file:} mirror, offline.
 *
 * <p>The correct runner passes; a missing inspector service file and an envelope that is not
 * IDNA each fail the build. Needs the reactor to have packaged {@code api}, {@code impl},
 * {@code tck} and {@code bom} first, as {@code mvn verify} does.
 */
class RunnerPomBuildsFromScratchTest {

    private static final Path WORK = Path.of("target", "runner-it").toAbsolutePath();
    private static final Path REPOSITORY = WORK.resolve("repository");
    private static final Path SETTINGS = WORK.resolve("settings.xml");
    private static final String INSPECTOR_SERVICE = "src/test/resources/META-INF/services/org.cdimail.tck.spi.MailboxInspector";
    /** One forked build may take this long on a busy machine. */
    private static final long BUILD_MINUTES = 5;

    /** What one forked build ended with. */
    private record Build(int exitCode, String output) {
    }

    @BeforeAll
    static void installCdiMailIntoAPrivateRepository() throws IOException {
        String version = System.getProperty("cdi-mail.version");
        deleteTree(WORK);
        Files.createDirectories(REPOSITORY);
        Path root = Path.of("..").toAbsolutePath().normalize();
        install(root.resolve("pom.xml"), null, "cdi-mail-parent", version);
        install(root.resolve("bom/pom.xml"), null, "cdi-mail-bom", version);
        for (String module : List.of("api", "impl", "tck")) {
            String artifactId = "cdi-mail-" + module;
            Path jar = root.resolve(module).resolve("target").resolve(artifactId + "-" + version + ".jar");
            assertTrue(Files.isRegularFile(jar), () -> jar + " is missing: build it in the same reactor first"
                    + " (mvn -pl tck-example -am verify)");
            install(root.resolve(module).resolve("pom.xml"), jar, artifactId, version);
        }
        String userRepository = System.getProperty("cdi-mail.user-repository");
        Files.writeString(SETTINGS, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors>
                    <mirror>
                      <id>user-local-repository</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(REPOSITORY, Path.of(userRepository).toUri()), StandardCharsets.UTF_8);
    }

    @Test
    void runnerPomFromTheGuidePassesWithACorrectBackend() throws Exception {
        Path project = project("correct");
        Build build = mvn(project);
        assertEquals(0, build.exitCode(), () -> "the documented runner passes:\n" + tail(build.output()));
        List<String> reports;
        try (Stream<Path> files = Files.list(project.resolve("target/tck-reports"))) {
            reports = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("TEST-")).sorted().toList();
        }
        assertTrue(reports.contains("TEST-org.cdimail.tck.message.ProvidedMessageTest.xml"), reports::toString);
        Matcher summary = Pattern.compile("Tests run: (\\d+), Failures: 0, Errors: 0, Skipped: (\\d+)\\s*$", Pattern.MULTILINE)
                .matcher(build.output());
        int run = 0;
        int skipped = 0;
        while (summary.find()) {
            run = Integer.parseInt(summary.group(1));
            skipped = Integer.parseInt(summary.group(2));
        }
        assertTrue(run > 50, "the provided group ran: " + run + " tests");
        assertEquals(REFUSAL_TESTS.size(), skipped,
                "a backend that records envelopes skips nothing but the refusal checks");
        assertEquals(REFUSAL_TESTS, skippedTests(project.resolve("target/tck-reports")),
                "skipped: only the checks that need a backend able to refuse a recipient (MailboxInspector.refuse)");
    }

    /** The tests a backend whose inspector cannot make it refuse a recipient skips. */
    private static final Set<String> REFUSAL_TESTS = Set.of(
            "ProvidedSendEventsTest.aRefusedRecipientFiresSendFailed",
            "ProvidedAsyncMailerTest.aRefusalCompletesExceptionallyWithItsReceipts");

    /** The skipped tests of the surefire reports in {@code reports}, as {@code SimpleClassName.method}. */
    private static Set<String> skippedTests(Path reports) throws IOException {
        Pattern skippedCase = Pattern.compile(
                "<testcase name=\"([^\"]+)\" classname=\"[\\w.]*?(\\w+)\"[^>]*>\\s*<skipped");
        Set<String> skipped = new TreeSet<>();
        try (Stream<Path> files = Files.list(reports)) {
            for (Path report : files.filter(f -> f.getFileName().toString().startsWith("TEST-")).toList()) {
                Matcher matcher = skippedCase.matcher(Files.readString(report, StandardCharsets.UTF_8));
                while (matcher.find()) {
                    skipped.add(matcher.group(2) + "." + matcher.group(1));
                }
            }
        }
        return skipped;
    }

    @Test
    void runnerFailsWhenTheInspectorServiceFileIsMissing() throws Exception {
        Path project = project("no-inspector");
        Files.delete(project.resolve(INSPECTOR_SERVICE));
        Build build = mvn(project, "-Dtest=ProvidedBackendContractTest");
        assertNotEquals(0, build.exitCode(), () -> "a runner without an inspector fails:\n" + tail(build.output()));
        assertTrue(build.output().contains("no org.cdimail.tck.spi.MailboxInspector was found"), () -> tail(build.output()));
        assertTrue(build.output().contains("META-INF/services/org.cdimail.tck.spi.MailboxInspector"),
                () -> "the failure names the service file:\n" + tail(build.output()));
    }

    @Test
    void runnerFailsWhenTheBackendWritesANonIdnaEnvelope() throws Exception {
        Path project = project("non-idna-envelope");
        copyTree(Path.of("src/it/non-idna-envelope"), project);
        Build build = mvn(project, "-Dtest=ProvidedMessageTest");
        assertNotEquals(0, build.exitCode(), () -> "a non-IDNA envelope fails the TCK:\n" + tail(build.output()));
        assertTrue(build.output().contains("internationalDomainsArePunycodedInTheEnvelope"), () -> tail(build.output()));
        assertTrue(build.output().contains("Tests run: ") && build.output().contains("Failures: 1"),
                () -> "only the envelope test fails:\n" + tail(build.output()));
    }

    /** A new project directory: the guide's runner pom and the pickup backend. */
    private static Path project(String name) throws IOException {
        Path project = WORK.resolve(name);
        copyTree(Path.of("src/it/pickup-backend"), project);
        Files.writeString(project.resolve("pom.xml"), runnerPomFromTheGuide(), StandardCharsets.UTF_8);
        return project;
    }

    /** The complete runner pom of {@code tck/README.md}: its one code block that is a whole pom. */
    static String runnerPomFromTheGuide() throws IOException {
        String readme = Files.readString(Path.of("..", "tck", "README.md"), StandardCharsets.UTF_8);
        String fence = "```xml\n<?xml";
        int start = readme.indexOf(fence);
        assertTrue(start >= 0, "tck/README.md quotes a complete pom");
        assertEquals(-1, readme.indexOf(fence, start + 1), "tck/README.md quotes one complete pom");
        start += "```xml\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    private static Build mvn(Path project, String... arguments) throws Exception {
        Path mvn = Path.of(System.getProperty("cdi-mail.maven-home"), "bin", "mvn");
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-o", "-Daether.offline.protocols=file",
                "-s", SETTINGS.toString(), "-Dsurefire.failIfNoSpecifiedTests=false"));
        command.addAll(List.of(arguments));
        command.add("verify");
        Path log = project.resolve("build.log");
        Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            assertTrue(process.waitFor(BUILD_MINUTES, TimeUnit.MINUTES), "the forked build ends within " + BUILD_MINUTES
                    + " minutes");
            return new Build(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static void install(Path pom, Path jar, String artifactId, String version) throws IOException {
        Path directory = REPOSITORY.resolve(Path.of("org", "cdimail", artifactId, version));
        Files.createDirectories(directory);
        Files.copy(pom, directory.resolve(artifactId + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(jar, directory.resolve(artifactId + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : all.toList()) {
                Path target = to.resolve(from.relativize(source).toString().replace('/', File.separatorChar));
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> all = Files.walk(directory)) {
            all.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

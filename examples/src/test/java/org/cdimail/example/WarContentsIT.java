package org.cdimail.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/** The packaged WAR carries cdi-mail (with its health and metrics jars) and nothing the server already provides. */
class WarContentsIT {

    private static final Path WAR = Path.of(System.getProperty("example.war", "target/cdi-mail-example.war"));

    @Test
    void webInfLibHoldsOnlyTheCdiMailApiImplementationHealthAndMetricsJars() throws IOException {
        assertThat(WAR).isRegularFile();
        try (JarFile war = new JarFile(WAR.toFile())) {
            List<String> libraries = war.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith("WEB-INF/lib/") && !name.endsWith("/"))
                    .map(name -> name.substring("WEB-INF/lib/".length())).sorted().toList();
            assertThat(libraries).hasSize(4);
            assertThat(libraries.get(0)).startsWith("cdi-mail-api-").endsWith(".jar");
            assertThat(libraries.get(1)).startsWith("cdi-mail-health-").endsWith(".jar");
            assertThat(libraries.get(2)).startsWith("cdi-mail-impl-").endsWith(".jar");
            assertThat(libraries.get(3)).startsWith("cdi-mail-metrics-").endsWith(".jar");
        }
    }

    @Test
    void noServerProvidedApiClassesArePackaged() throws IOException {
        try (JarFile war = new JarFile(WAR.toFile())) {
            assertThat(war.stream().map(ZipEntry::getName))
                    .noneMatch(name -> name.startsWith("WEB-INF/classes/jakarta/"))
                    .noneMatch(name -> name.startsWith("WEB-INF/classes/org/eclipse/"))
                    .anyMatch(name -> name.equals("WEB-INF/classes/META-INF/microprofile-config.properties"));
        }
    }

    @Test
    void theWarIsSmall() throws IOException {
        // The four cdi-mail jars and a few classes: a bundled Jakarta Mail or Weld would be megabytes.
        assertThat(Files.size(WAR)).isLessThan(1_000_000L);
    }
}

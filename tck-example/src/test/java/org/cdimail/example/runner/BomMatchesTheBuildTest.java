package org.cdimail.example.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@code cdi-mail-bom} has no parent, so that importing it brings only its own entries; it
 * therefore repeats the versions of the parent pom, and this test keeps the two equal.
 */
class BomMatchesTheBuildTest {

    private static final Pattern VERSION_PROPERTY = Pattern.compile("<(version\\.[\\w.-]+)>([^<]+)</");

    private static Map<String, String> versionProperties(Path pom) throws IOException {
        Matcher matcher = VERSION_PROPERTY.matcher(Files.readString(pom, StandardCharsets.UTF_8));
        Map<String, String> versions = new TreeMap<>();
        while (matcher.find()) {
            versions.put(matcher.group(1), matcher.group(2));
        }
        return versions;
    }

    @Test
    void bomPinsTheVersionsTheBuildUses() throws IOException {
        Map<String, String> build = versionProperties(Path.of("..", "pom.xml"));
        Map<String, String> bom = versionProperties(Path.of("..", "bom", "pom.xml"));
        assertTrue(bom.size() >= 10, () -> "the BOM's version properties: " + bom);
        bom.forEach((key, version) -> assertEquals(build.get(key), version, () -> key + " in bom/pom.xml and pom.xml"));
    }

    @Test
    void bomHasTheBuildsVersion() throws IOException {
        String bom = Files.readString(Path.of("..", "bom", "pom.xml"), StandardCharsets.UTF_8);
        assertTrue(bom.contains("<artifactId>cdi-mail-bom</artifactId>\n  <version>" + System.getProperty("cdi-mail.version")
                + "</version>"), "bom/pom.xml has the version of the build");
    }
}

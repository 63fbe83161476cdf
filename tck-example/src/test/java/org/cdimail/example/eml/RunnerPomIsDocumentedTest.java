package org.cdimail.example.eml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * Keeps the TCK guide honest: the runner section of this module's pom, between the
 * {@code tag::runner} markers, appears word for word in {@code tck/README.md}.
 */
class RunnerPomIsDocumentedTest {

    @Test
    void readmeQuotesTheRunnerThatTheBuildRuns() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        String readme = Files.readString(Path.of("..", "tck", "README.md"), StandardCharsets.UTF_8);
        String start = "<!-- tag::runner[] -->";
        String end = "<!-- end::runner[] -->";
        String runner = pom.substring(pom.indexOf(start) + start.length(), pom.indexOf(end)).strip();
        assertTrue(runner.length() > 200, "the runner section is marked in pom.xml");
        assertTrue(normalize(readme).contains(normalize(runner)),
                "tck/README.md quotes the runner section of tck-example/pom.xml");
    }

    /** Compares line by line without leading indentation, which Markdown code blocks may change. */
    private static String normalize(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).reduce("", (a, b) -> a + "\n" + b);
    }
}

package org.cdimail.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Java snippet the README and {@code docs/} show compiles against the current API. A snippet
 * that is a whole compilation unit (it declares a class) is compiled as it is; a fragment is put in
 * a method of a class, its leading {@code @Inject} lines as fields. The README's {@code @MailTest}
 * example is {@code example-shop}'s real test (checked there), and the Weld SE and custom backend
 * samples are also run by {@link ReadmeTest}.
 */
class DocumentationSnippetsTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final String IMPORTS = """
            import java.io.*;
            import java.net.*;
            import java.net.http.*;
            import java.util.*;
            import jakarta.enterprise.context.*;
            import jakarta.inject.*;
            import org.cdimail.*;
            import org.cdimail.inject.*;
            import org.cdimail.spi.*;
            """;

    /** A snippet and where it is shown. */
    record Snippet(String where, String source) {
        @Override
        public String toString() {
            return where;
        }
    }

    static Stream<Snippet> snippets() throws IOException {
        Path root = Path.of("..");
        List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<Snippet> snippets = new ArrayList<>();
        for (Path document : documents) {
            Matcher block = JAVA_BLOCK.matcher(Files.readString(document));
            int n = 0;
            while (block.find()) {
                n++;
                String source = block.group(1);
                if (!source.startsWith("@MailTest")) {
                    snippets.add(new Snippet(root.relativize(document) + " #" + n, source));
                }
            }
        }
        assertThat(snippets).as("snippets found").hasSizeGreaterThanOrEqualTo(6);
        return snippets.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void compiles(Snippet snippet, @TempDir Path dir) throws IOException {
        String source = snippet.source().replace("…", "/* … */");
        String unit;
        String name;
        Matcher publicClass = Pattern.compile("public (?:final )?class (\\w+)").matcher(source);
        if (publicClass.find() || source.contains("class ")) {
            name = publicClass.find(0) ? publicClass.group(1) : "Snippet";
            unit = IMPORTS + source;
        } else {
            name = "Snippet";
            StringBuilder fields = new StringBuilder();
            StringBuilder body = new StringBuilder();
            for (String line : source.split("\n")) {
                (line.startsWith("@Inject") && body.toString().isBlank() ? fields : body).append(line).append('\n');
            }
            unit = IMPORTS + "class Snippet {\n" + fields + "void snippet() throws Exception {\n" + body + "}\n}\n";
        }
        Path file = Files.writeString(Files.createDirectories(dir.resolve("src")).resolve(name + ".java"), unit);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int exit = ToolProvider.getSystemJavaCompiler().run(null, errors, errors,
                "-proc:none", "-classpath", classpath, "-d", Files.createDirectories(dir.resolve("classes")).toString(),
                file.toString());
        assertThat(exit).as(() -> snippet.where() + " does not compile:\n" + unit + "\n"
                + errors.toString(StandardCharsets.UTF_8)).isZero();
    }
}

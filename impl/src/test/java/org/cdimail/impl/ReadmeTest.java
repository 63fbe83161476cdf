package org.cdimail.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cdimail.EmailMessage;
import org.cdimail.impl.config.MailKey;
import org.cdimail.spi.BackendContext;
import org.cdimail.spi.EmailBackend;

/** The README states what the code does: its configuration table and its Weld SE snippet. */
class ReadmeTest {

    /** The repository's README, from impl's base directory (surefire's working directory). */
    private static final Path README = Path.of("..", "README.md");

    private static String section(String heading) throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## " + heading + "\n");
        assertThat(start).as("README section " + heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** The rows of the configuration table: key → cells. */
    private static Map<String, List<String>> configurationTable() throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : section("Configuration").lines().toList()) {
            if (line.startsWith("| `mail.")) {
                List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                        .map(String::strip).toList();
                rows.put(unquote(cells.get(0)), cells);
            }
        }
        return rows;
    }

    private static String unquote(String cell) {
        return cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1) : cell;
    }

    private static String documentedDefault(MailKey key) {
        String value = key.defaultValue().orElse(null);
        if (value == null) {
            return "none";
        }
        if (value.isEmpty()) {
            return "empty";
        }
        return value.strip().equals(value) ? "`" + value + "`" : "`\"" + value + "\"`";
    }

    @Test
    void theConfigurationTableListsExactlyTheKeysOfMailKey() throws IOException {
        assertThat(configurationTable().keySet())
                .containsExactlyElementsOf(Arrays.stream(MailKey.values()).map(MailKey::key).toList());
    }

    @Test
    void theConfigurationTableStatesEachKeysTypeAndDefault() throws IOException {
        Map<String, List<String>> table = configurationTable();
        for (MailKey key : MailKey.values()) {
            List<String> row = table.get(key.key());
            assertThat(unquote(row.get(1))).as("type of " + key.key()).isEqualTo(key.type());
            assertThat(row.get(2)).as("default of " + key.key()).isEqualTo(documentedDefault(key));
        }
    }

    private static String block(String section, String language) {
        return block(section, language, "");
    }

    /** The first block of {@code language} in the section whose text starts with {@code opening}. */
    private static String block(String section, String language, String opening) {
        String fence = "```" + language + "\n";
        int start = section.indexOf(fence);
        while (start >= 0 && !section.startsWith(opening, start + fence.length())) {
            start = section.indexOf(fence, start + fence.length());
        }
        assertThat(start).as(language + " block starting with " + opening).isNotNegative();
        start += fence.length();
        return section.substring(start, section.indexOf("```", start));
    }

    @Test
    void theCustomBackendSampleCompilesAndCountsOnlyMessagesWithRecipients(@TempDir Path dir) throws Exception {
        String backends = section("Backends");
        String source = block(backends.substring(backends.indexOf("**A custom backend**")), "java");
        assertThat(source).contains("class SmsGatewayBackend");
        Path file = Files.writeString(Files.createDirectories(dir.resolve("src")).resolve("SmsGatewayBackend.java"), """
                import java.util.*;
                import jakarta.enterprise.context.*;
                import jakarta.inject.*;
                import org.cdimail.*;
                import org.cdimail.inject.*;
                import org.cdimail.spi.*;
                """ + source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-proc:none", "-Xlint:all,-path,-classfile",
                "-Werror", "-classpath", classpath, "-d", classes.toString(), file.toString())).as("javac exit code").isZero();

        try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, getClass().getClassLoader())) {
            Class<?> type = loader.loadClass("SmsGatewayBackend");
            EmailBackend backend = (EmailBackend) type.getConstructor().newInstance();
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() == BackendContext.class) { // what CDI would inject: only its settings are read
                    field.setAccessible(true);
                    field.set(backend, Proxy.newProxyInstance(loader, new Class<?>[] { BackendContext.class },
                            (proxy, method, args) -> {
                                if (method.getName().equals("setting")) {
                                    return Optional.of("https://sms.example.com/send");
                                }
                                throw new UnsupportedOperationException(method.getName());
                            }));
                }
            }
            EmailMessage addressed = EmailMessage.builder().subject("Code").body("1234").to("+15550100@sms.example.com").build();
            EmailMessage unaddressed = EmailMessage.builder().subject("Nobody").body("x").build();
            assertThat(backend.sendMessages(List.of(addressed, unaddressed, addressed))).isEqualTo(2);
            assertThat(backend.sendMessages(List.of())).isZero();
        }
    }

    @Test
    void theWeldSeSnippetCompilesAndRunsAsWritten(@TempDir Path dir) throws Exception {
        String section = section("Using it in plain Weld SE");
        String beansXml = block(section, "xml", "<beans");
        String source = block(section, "java");
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes/META-INF"));
        Files.writeString(classes.resolve("beans.xml"), beansXml);
        Path hello = Files.writeString(sources.resolve("Hello.java"), source);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-proc:none", "-classpath", classpath, "-d", dir.resolve("classes").toString(),
                hello.toString())).as("javac exit code").isZero();

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", dir.resolve("classes") + java.io.File.pathSeparator + classpath, "Hello"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("Subject: Hello").contains("It works.").contains("-".repeat(79)).contains("sent 1");
        assertThat(output.lines().filter(l -> l.equals("sent 1")).collect(Collectors.toList())).hasSize(1);
    }
}

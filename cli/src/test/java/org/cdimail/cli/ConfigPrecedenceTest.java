package org.cdimail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which source wins, shown through {@code check}, which prints the host and port it resolved
 * before connecting. Nothing listens on the ports used: only the resolved values matter.
 */
class ConfigPrecedenceTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearSystemProperty() {
        System.clearProperty("mail.port");
    }

    private String resolved(Map<String, String> env, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "check";
        args[1] = "--backend";
        args[2] = "smtp";
        System.arraycopy(options, 0, args, 3, options.length);
        CliRun.Result result = CliRun.run(dir, env, args);
        String line = result.out().lines().filter(l -> l.startsWith("Checking ")).findFirst()
                .orElseThrow(() -> new AssertionError(result.toString()));
        return line.substring(line.lastIndexOf(' ') + 1);
    }

    private void file(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    @Test
    void usesLocalhostPort25WhenNothingIsConfigured() {
        assertThat(resolved(Map.of(), "--set", "mail.timeout=1")).isEqualTo("localhost:25");
    }

    @Test
    void readsMicroprofileConfigPropertiesInTheWorkingDirectory() throws IOException {
        file("microprofile-config.properties", "mail.host=from-working-dir.invalid\nmail.port=2001\n");

        assertThat(resolved(Map.of())).isEqualTo("from-working-dir.invalid:2001");
    }

    @Test
    void readsTheConfigFileInsteadOfTheWorkingDirectoryOne() throws IOException {
        file("microprofile-config.properties", "mail.host=from-working-dir.invalid\n");
        file("other.properties", "mail.port=2002\n");

        assertThat(resolved(Map.of(), "--config", "other.properties")).isEqualTo("localhost:2002");
    }

    @Test
    void prefersEnvironmentVariablesOverTheConfigFile() throws IOException {
        file("c.properties", "mail.host=file.invalid\nmail.port=2003\n");

        assertThat(resolved(Map.of("MAIL_HOST", "env.invalid"), "--config", "c.properties")).isEqualTo("env.invalid:2003");
    }

    @Test
    void prefersSystemPropertiesOverEnvironmentVariables() {
        System.setProperty("mail.port", "2004");

        assertThat(resolved(Map.of("MAIL_PORT", "2005", "MAIL_HOST", "env.invalid"))).isEqualTo("env.invalid:2004");
    }

    @Test
    void prefersSetOverEverythingElse() throws IOException {
        file("c.properties", "mail.host=file.invalid\nmail.port=2006\n");
        System.setProperty("mail.port", "2007");

        assertThat(resolved(Map.of("MAIL_HOST", "env.invalid"), "--config", "c.properties",
                "--set", "mail.host=set.invalid", "--set", "mail.port=2008")).isEqualTo("set.invalid:2008");
    }

    @Test
    void readsAliasKeysBeforeTheSharedOnes() {
        assertThat(resolved(Map.of(), "--set", "mail.port=2009", "--set", "mail.smtp.port=2010")).isEqualTo("localhost:2010");
    }

    @Test
    void refusesAMissingConfigFileAsAUsageError() {
        CliRun.Result result = CliRun.run(dir, "check", "--config", "missing.properties");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).hasLineCount(1).contains("CDIMAIL-00401: --config: not a readable file:");
    }
}

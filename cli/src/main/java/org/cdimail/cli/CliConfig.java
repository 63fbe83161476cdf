package org.cdimail.cli;

import static org.cdimail.cli.CliError.CONFIG_UNREADABLE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;

/**
 * Builds the command's MicroProfile Config. Highest priority first:
 * <ol>
 * <li>{@code --set key=value} (ordinal {@value #SET_ORDINAL});</li>
 * <li>system properties ({@code -Dmail.host=…} in {@code JAVA_OPTS}, ordinal 400);</li>
 * <li>environment variables ({@code MAIL_HOST}, ordinal 300);</li>
 * <li>{@code --config FILE}, or else {@code ./microprofile-config.properties} in the working
 * directory (ordinal {@value #FILE_ORDINAL});</li>
 * <li>the command's defaults (ordinal {@value #DEFAULTS_ORDINAL}): {@code mail.backend=console},
 * so that a fresh clone with no configuration prints the message instead of failing to reach
 * an SMTP server on localhost.</li>
 * </ol>
 * Profiles ({@code %test.mail.backend}) and expressions ({@code ${HOME}}) work as in any
 * SmallRye Config.
 */
final class CliConfig {

    static final int SET_ORDINAL = 500;
    static final int FILE_ORDINAL = 250;
    static final int DEFAULTS_ORDINAL = 1;
    static final String WORKING_DIR_FILE = "microprofile-config.properties";

    /** What the command sets when nobody else does. */
    static final Map<String, String> DEFAULTS = Map.of("mail.backend", "console");

    private CliConfig() {
    }

    /**
     * Builds the configuration.
     *
     * @param settings   the {@code --set} pairs
     * @param configFile the {@code --config} file, if given
     * @param workingDir where {@code microprofile-config.properties} is looked for
     * @param env        the environment variables
     * @return the configuration
     * @throws CliException if the given config file cannot be read
     */
    static SmallRyeConfig build(Map<String, String> settings, Optional<Path> configFile, Path workingDir,
            Map<String, String> env) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(Map.copyOf(settings), "cdi-mail --set", SET_ORDINAL))
                .withSources(new SysPropConfigSource())
                .withSources(new EnvConfigSource(Map.copyOf(env), 300))
                .withSources(new PropertiesConfigSource(DEFAULTS, "cdi-mail defaults", DEFAULTS_ORDINAL));
        fileSource(configFile, workingDir).ifPresent(builder::withSources);
        return builder.build();
    }

    private static Optional<PropertiesConfigSource> fileSource(Optional<Path> configFile, Path workingDir) {
        Path file = configFile.map(workingDir::resolve).orElse(workingDir.resolve(WORKING_DIR_FILE));
        if (configFile.isEmpty() && !Files.exists(file)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw CliException.usage(CONFIG_UNREADABLE.message("--config: not a readable file: " + file));
        }
        try {
            return Optional.of(new PropertiesConfigSource(file.toUri().toURL(), FILE_ORDINAL));
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, CONFIG_UNREADABLE.message("--config: cannot read " + file + ": "
                    + e.getMessage()), e);
        }
    }
}

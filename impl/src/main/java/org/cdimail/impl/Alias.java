package org.cdimail.impl;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

import org.cdimail.impl.backend.ConnectionOptions;
import org.cdimail.impl.backend.console.ConsoleBackend;
import org.cdimail.impl.backend.dummy.DummyBackend;
import org.cdimail.impl.backend.file.FileBackend;
import org.cdimail.impl.backend.file.FileDirectory;
import org.cdimail.impl.backend.locmem.LocmemBackend;
import org.cdimail.impl.backend.locmem.LocmemOutbox;
import org.cdimail.impl.backend.smtp.SmtpBackend;
import org.cdimail.impl.backend.smtp.SmtpConnector;
import org.cdimail.impl.config.AliasSettings;
import org.cdimail.impl.config.InvalidSettingException;
import org.cdimail.impl.config.MailConfig;
import org.cdimail.impl.config.MailKey;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.impl.mime.RenderSettings;
import org.cdimail.spi.EmailBackend;

/**
 * One resolved alias: its backend type, settings, renderer and outbox, and a factory of its
 * connections. Created once per alias and container by {@link AliasRegistry}; immutable.
 */
final class Alias {

    private final String name;
    private final String type;
    private final MailConfig config;
    private final AliasSettings settings;
    private final MimeRenderer renderer;
    private final LocmemOutbox outbox;
    private final SmtpConnector smtp;
    private final Supplier<EmailBackend> custom;

    /**
     * Resolves the alias's settings and prepares its backend; everything that can be checked
     * without sending is checked here, so that deployment fails rather than the first send.
     *
     * @throws InvalidSettingException naming the key, if the configuration cannot be used
     */
    Alias(String name, String type, MailConfig config, LocmemOutbox outbox, Supplier<EmailBackend> custom) {
        this.name = name;
        this.type = type;
        this.config = config;
        this.settings = config.settings(name);
        this.renderer = new MimeRenderer(RenderSettings.from(config.lookupFor(name)));
        this.outbox = outbox;
        this.custom = custom;
        this.smtp = type.equals(BuiltinBackends.SMTP) ? new SmtpConnector(settings, this::keyOf,
                config.lookup(name, MailKey.SESSION_JNDI)) : null;
        if (type.equals(BuiltinBackends.FILE)) {
            FileDirectory.check(fileDirectory(), keyOf(MailKey.FILE_PATH));
        }
    }

    String name() {
        return name;
    }

    String type() {
        return type;
    }

    AliasSettings settings() {
        return settings;
    }

    LocmemOutbox outbox() {
        return outbox;
    }

    /** Closes what the alias keeps open between calls (pooled SMTP connections); the container is stopping. */
    void close() {
        if (smtp != null) {
            smtp.close();
        }
    }

    /** A new, unopened connection. */
    EmailBackend connect(ConnectionOptions options) {
        Objects.requireNonNull(options, "options");
        return switch (type) {
            case BuiltinBackends.SMTP -> new SmtpBackend(smtp, renderer, options);
            case BuiltinBackends.CONSOLE -> new ConsoleBackend(ConsoleBackend.standardStream(settings.consoleStream()),
                    renderer, options.failSilently());
            case BuiltinBackends.FILE -> new FileBackend(fileDirectory(), renderer, options.failSilently());
            case BuiltinBackends.LOCMEM -> new LocmemBackend(outbox, renderer);
            case BuiltinBackends.DUMMY -> new DummyBackend();
            default -> options.failSilently() ? new FailSilentlyBackend(custom.get()) : custom.get();
        };
    }

    private Path fileDirectory() {
        return settings.filePath().orElseThrow(() -> new InvalidSettingException(MailKey.FILE_PATH.key(),
                "CDIMAIL-00208: the file backend of alias '" + name + "' needs " + MailKey.FILE_PATH.key(name)
                        + " or " + MailKey.FILE_PATH.key()));
    }

    private String keyOf(MailKey key) {
        return config.source(name, key);
    }

    @Override
    public String toString() {
        return "Alias[" + name + ", backend=" + type + "]";
    }
}

package org.cdimail.cli;

import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.inject.spi.Extension;

import org.cdimail.Mailer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The library running exactly as in an application: a Weld SE container with the service-loaded
 * portable extensions (cdi-mail's, SmallRye Config's) and the command's configuration registered
 * as the MicroProfile Config of this class loader. Close it to shut the container down.
 */
final class MailRuntime implements AutoCloseable {

    private static final AtomicInteger CONTAINERS = new AtomicInteger();

    private final Config config;
    private final WeldContainer container;

    private MailRuntime(Config config, WeldContainer container) {
        this.config = config;
        this.container = container;
    }

    /**
     * Starts the container.
     *
     * @param config the configuration the library reads
     * @return the running runtime
     * @throws CliException if the deployment fails (a configuration error)
     */
    static MailRuntime start(Config config) {
        ClassLoader classLoader = MailRuntime.class.getClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.registerConfig(config, classLoader);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(classLoader);
        try {
            // Discovery is off (nothing to scan but the library), so extensions are added by hand.
            Weld weld = new Weld("cdi-mail-cli-" + CONTAINERS.incrementAndGet())
                    .disableDiscovery()
                    .skipShutdownHook()
                    .setClassLoader(classLoader)
                    .addBeanClass(MailerClient.class);
            ServiceLoader.load(Extension.class, classLoader).forEach(weld::addExtension);
            return new MailRuntime(config, weld.initialize());
        } catch (RuntimeException e) {
            resolver.releaseConfig(config);
            throw new CliException(ExitCodes.USAGE, Errors.oneLine(e), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /**
     * The unqualified ({@code default} alias) mailer, as {@code @Inject Mailer} gives it.
     *
     * @return the mailer
     */
    Mailer mailer() {
        return container.select(MailerClient.class).get().mailer();
    }

    /**
     * The mailer of an alias, or of the default alias when none is given.
     *
     * @param alias the alias, or {@code null}
     * @return the mailer
     * @throws CliException if the alias cannot be resolved
     */
    Mailer mailer(String alias) {
        Mailer mailer = mailer();
        if (alias == null || alias.equals(mailer.alias())) {
            return mailer;
        }
        try {
            return mailer.using(alias);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, Errors.oneLine(e), e);
        }
    }

    @Override
    public void close() {
        try {
            container.shutdown();
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }
}

package org.cdimail.queue;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.inject.spi.Extension;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.cdimail.Mailer;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/** A Weld SE container with cdi-mail and the given configuration, as an application runs it. */
final class QueueRuntime implements AutoCloseable {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final SmallRyeConfig config;
    private final WeldContainer container;

    private QueueRuntime(SmallRyeConfig config, WeldContainer container) {
        this.config = config;
        this.container = container;
    }

    static QueueRuntime start(Map<String, String> properties) {
        ClassLoader loader = QueueRuntime.class.getClassLoader();
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        ConfigProviderResolver.instance().registerConfig(config, loader);
        try {
            Weld weld = new Weld("queue-test-" + IDS.incrementAndGet()).disableDiscovery().skipShutdownHook()
                    .setClassLoader(loader).addBeanClass(MailerClient.class);
            ServiceLoader.load(Extension.class, loader).forEach(weld::addExtension);
            return new QueueRuntime(config, weld.initialize());
        } catch (RuntimeException e) {
            ConfigProviderResolver.instance().releaseConfig(config);
            throw e;
        }
    }

    Mailer mailer() {
        return container.select(MailerClient.class).get().mailer();
    }

    AliasQueue queue() {
        return AliasQueue.of(mailer().connection()).orElseThrow();
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

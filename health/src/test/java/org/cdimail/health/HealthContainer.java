package org.cdimail.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.health.SmallRyeHealthReporter;

/**
 * Weld SE as an application would run it with this artifact: bean discovery on, so the extensions
 * (cdi-mail's, this module's, SmallRye Config's) and SmallRye Health's reporter are found on the
 * class path as a server finds them; a fresh MicroProfile Config with only the given properties.
 */
final class HealthContainer implements AutoCloseable {

    private final Config config;
    private final WeldContainer weld;

    private HealthContainer(Config config, WeldContainer weld) {
        this.config = config;
        this.weld = weld;
    }

    static HealthContainer start(String... keysAndValues) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        Config config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            resolver.releaseConfig(resolver.getConfig(loader));
        } catch (RuntimeException e) {
            // nothing was registered
        }
        resolver.registerConfig(config, loader);
        try {
            WeldContainer weld = new Weld(UUID.randomUUID().toString()).property("org.jboss.weld.se.shutdownHook", false)
                    .initialize();
            return new HealthContainer(config, weld);
        } catch (RuntimeException e) {
            resolver.releaseConfig(config);
            throw e;
        }
    }

    /** The readiness report, as {@code /health/ready} would show it. */
    JsonObject readiness() {
        return weld.select(SmallRyeHealthReporter.class).get().getReadiness().getPayload();
    }

    /** The check of one alias in the readiness report. */
    JsonObject check(String alias) {
        return readiness().getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("name").equals("cdi-mail." + alias)).findFirst()
                .orElseThrow(() -> new AssertionError("no check of alias " + alias + " in " + readiness()));
    }

    WeldContainer weld() {
        return weld;
    }

    @Override
    public void close() {
        try {
            if (weld.isRunning()) {
                weld.shutdown();
            }
        } finally {
            ConfigProviderResolver.instance().releaseConfig(config);
        }
    }
}

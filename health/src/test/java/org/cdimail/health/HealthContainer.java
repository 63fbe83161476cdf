package org.cdimail.health;

import jakarta.json.JsonObject;

import org.cdimail.impl.support.MailContainer;
import org.jboss.weld.environment.se.WeldContainer;

import io.smallrye.health.SmallRyeHealthReporter;

/**
 * Weld SE as an application would run it with this artifact: bean discovery on, so the extensions
 * (cdi-mail's, this module's, SmallRye Config's) and SmallRye Health's reporter are found on the
 * class path as a server finds them; a fresh MicroProfile Config with only the given properties.
 */
final class HealthContainer implements AutoCloseable {

    private final MailContainer container;

    private HealthContainer(MailContainer container) {
        this.container = container;
    }

    static HealthContainer start(String... keysAndValues) {
        return new HealthContainer(MailContainer.with(keysAndValues).discovering().start());
    }

    /** The readiness report, as {@code /health/ready} would show it. */
    JsonObject readiness() {
        return container.select(SmallRyeHealthReporter.class).getReadiness().getPayload();
    }

    /** The check of one alias in the readiness report. */
    JsonObject check(String alias) {
        return readiness().getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("name").equals("cdi-mail." + alias)).findFirst()
                .orElseThrow(() -> new AssertionError("no check of alias " + alias + " in " + readiness()));
    }

    WeldContainer weld() {
        return container.weld();
    }

    @Override
    public void close() {
        container.close();
    }
}

package org.cdimail.health;

import java.util.Objects;
import java.util.function.Supplier;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import org.cdimail.impl.monitor.AliasHealth;
import org.cdimail.impl.monitor.AliasMonitor;
import org.cdimail.impl.monitor.ProbeResult;

/**
 * The readiness of one alias, named {@code cdi-mail.<alias>}. Data: {@code alias}, {@code backend},
 * {@code server} ({@code host:port} of an {@code smtp} alias, never credentials),
 * {@code checked-at} (ISO-8601), {@code queued}, and when counted {@code pending} and
 * {@code dead}; when down, {@code reason-id} ({@code CDIMAIL-nnnnn}) and {@code reason}. Answers
 * from the check kept for {@code health.interval} (see {@link AliasHealth}).
 */
final class AliasReadinessCheck implements HealthCheck {

    private final String alias;
    private final Supplier<AliasHealth> health;

    AliasReadinessCheck(String alias, Supplier<AliasHealth> health) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.health = Objects.requireNonNull(health, "health");
    }

    @Override
    public HealthCheckResponse call() {
        AliasHealth kept = health.get();
        AliasMonitor monitor = kept.monitor();
        ProbeResult result = kept.current();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("cdi-mail." + alias).status(result.up())
                .withData("alias", alias).withData("backend", monitor.backend())
                .withData("checked-at", result.checkedAt().toString()).withData("queued", monitor.queued());
        monitor.endpoint().ifPresent(server -> response.withData("server", server));
        result.pending().ifPresent(pending -> response.withData("pending", pending));
        result.dead().ifPresent(dead -> response.withData("dead", dead));
        result.reasonId().ifPresent(id -> response.withData("reason-id", id));
        result.reason().ifPresent(reason -> response.withData("reason", reason));
        return response.build();
    }

    @Override
    public String toString() {
        return "AliasReadinessCheck[" + alias + "]";
    }
}

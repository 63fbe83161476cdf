package org.cdimail.health;

import java.util.function.Supplier;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

import org.cdimail.impl.monitor.AliasHealth;

/**
 * The synthetic bean of one alias's readiness check; the only place that names the MicroProfile
 * Health API at deployment, loaded only when the API is present.
 */
final class ReadinessBeans {

    private ReadinessBeans() {
    }

    /**
     * A {@code @Readiness HealthCheck} bean (dependent: the state lives in {@code health}). Its bean
     * class, {@link AliasReadinessCheck}, decides the bean archive it belongs to: this jar's, which
     * its {@code beans.xml} makes one of the WAR's archives, visible to the server's health lookup.
     *
     * @param event  the event to add it with
     * @param alias  the alias it checks
     * @param health gives the alias's kept readiness
     */
    static void add(AfterBeanDiscovery event, String alias, Supplier<AliasHealth> health) {
        event.addBean().beanClass(AliasReadinessCheck.class).types(HealthCheck.class, Object.class)
                .qualifiers(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE).scope(Dependent.class)
                .produceWith(i -> new AliasReadinessCheck(alias, health));
    }
}

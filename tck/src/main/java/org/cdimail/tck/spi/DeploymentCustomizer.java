package org.cdimail.tck.spi;

import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Adds what an implementor needs to every TCK deployment: a custom backend's bean classes,
 * an implementation's extension and classes, or extra configuration.
 *
 * <p>Found as described in the {@linkplain org.cdimail.tck.spi package documentation}; every
 * customizer found is applied, in the order found. With an embedded container whose class path
 * already holds your classes, a customizer still has to add the bean classes that must be
 * discovered, because only the deployment's classes are beans.
 */
public interface DeploymentCustomizer {

    /**
     * Adds to a deployment the TCK has built: the test class, the TCK's support classes,
     * {@code WEB-INF/beans.xml} (discovery mode {@code annotated}) and
     * {@code META-INF/microprofile-config.properties} in {@code WEB-INF/classes}.
     *
     * @param deployment the deployment, changed in place
     */
    void customize(WebArchive deployment);
}

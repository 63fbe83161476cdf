package org.cdimail.it.tck;

import org.jboss.arquillian.container.spi.client.container.DeploymentExceptionTransformer;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.as.arquillian.container.ExceptionTransformer;

/** Registers {@link CdiDeploymentFailures} in place of WildFly's own transformer, on the client. */
public final class WildFlyTckExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.override(DeploymentExceptionTransformer.class, ExceptionTransformer.class, CdiDeploymentFailures.class);
    }
}

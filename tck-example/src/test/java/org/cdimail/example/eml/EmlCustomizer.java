package org.cdimail.example.eml;

import org.cdimail.tck.spi.DeploymentCustomizer;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Adds the example backend to every TCK deployment, so that it is a bean there. Registered in
 * {@code META-INF/services/org.cdimail.tck.spi.DeploymentCustomizer}.
 */
public class EmlCustomizer implements DeploymentCustomizer {

    @Override
    public void customize(WebArchive deployment) {
        deployment.addClasses(EmlBackend.class, EmlFolder.class);
    }
}

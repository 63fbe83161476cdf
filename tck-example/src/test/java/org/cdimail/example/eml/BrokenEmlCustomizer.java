package org.cdimail.example.eml;

import org.cdimail.tck.spi.DeploymentCustomizer;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Adds the broken {@link BccDroppingEmlBackend} to every deployment. */
public class BrokenEmlCustomizer implements DeploymentCustomizer {

    @Override
    public void customize(WebArchive deployment) {
        deployment.addClasses(EmlBackend.class, BccDroppingEmlBackend.class, EmlFolder.class);
    }
}

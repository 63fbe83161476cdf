package com.example.pickup;

import org.cdimail.tck.spi.DeploymentCustomizer;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Adds the pickup backend to every TCK deployment. */
public class PickupCustomizer implements DeploymentCustomizer {

    @Override
    public void customize(WebArchive deployment) {
        deployment.addClasses(PickupBackend.class, EnvelopeAddress.class);
    }
}

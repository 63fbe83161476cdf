package org.cdimail.tck.broken;

import org.cdimail.tck.BrokenDeployment;
import org.junit.jupiter.api.Test;

/**
 * The base of deployments that must fail. Each subclass declares a deployment annotated
 * {@code @ShouldThrowException(DeploymentException.class)}: Arquillian fails the class when the
 * deployment succeeds. Misconfiguration fails deployment, never the first send (design, "Fail at
 * deployment").
 */
@BrokenDeployment
public abstract class BrokenDeploymentTestBase {

    /** Runs only once the deployment has failed as expected. */
    @Test
    public void deploymentFails() {
        // The assertion is the deployment's expected exception.
    }
}

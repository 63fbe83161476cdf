package org.cdimail.tck.broken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.cdimail.tck.support.TckDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** B-FILE, Django {@code ImproperlyConfigured("Could not write to directory")}: a {@code file-path} that is a regular file fails deployment. */
public class UnwritableFilePathTest extends BrokenDeploymentTestBase {

    /**
     * The deployment, which must fail.
     *
     * @return the deployment
     */
    @Deployment
    @ShouldThrowException(DeploymentException.class)
    public static WebArchive deployment() {
        TckDeployment deployment = TckDeployment.of(UnwritableFilePathTest.class);
        try {
            Path file = Files.createTempFile("cdimail-tck", ".not-a-directory");
            deployment.closeAfterClass(() -> Files.deleteIfExists(file));
            return deployment.config("mail.backend", "file").config("mail.file-path", file.toString()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

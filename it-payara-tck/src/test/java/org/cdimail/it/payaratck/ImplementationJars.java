package org.cdimail.it.payaratck;

import java.io.File;
import java.nio.file.Path;

import org.cdimail.tck.spi.DeploymentCustomizer;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The TCK's porting package for a real server: puts {@code cdi-mail-api} and
 * {@code cdi-mail-impl} in {@code WEB-INF/lib} of every TCK deployment, as an application
 * packages them; the server provides CDI, Jakarta Mail and MicroProfile Config.
 *
 * <p>It also adds the TCK's contract annotations ({@code @DummyBackend}, … in
 * {@code org.cdimail.tck}): they carry {@code @ExtendWith(ArquillianExtension.class)}, and in a
 * server JVM an annotation whose class is missing is silently dropped, so the test would run
 * without Arquillian and without injection. Embedded containers share the test class path and do
 * not need this.
 */
public final class ImplementationJars implements DeploymentCustomizer {

    @Override
    public void customize(WebArchive deployment) {
        Path libraries = Path.of(System.getProperty("tck.libraries", "target/tck-libraries"));
        deployment.addAsLibraries(new File(libraries.resolve("cdi-mail-api.jar").toString()),
                new File(libraries.resolve("cdi-mail-impl.jar").toString()));
    }
}

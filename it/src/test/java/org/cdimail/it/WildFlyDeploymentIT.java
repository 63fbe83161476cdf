package org.cdimail.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cdimail.it.server.AppServer;
import org.cdimail.it.server.Deployment;
import org.cdimail.it.server.Templates;
import org.cdimail.it.server.WildFlyServer;

/**
 * The example application on WildFly (full distribution, {@code standalone-full.xml}, with
 * MicroProfile Health and Micrometer's Prometheus registry added by {@code wildfly/observability.cli}):
 * mail session added with the management CLI, WARs deployed through the deployment scanner.
 */
class WildFlyDeploymentIT extends ServerFeaturesContract {

    private Map<String, Deployment> deployments;

    @Override
    String workDirectoryName() {
        return "wildfly";
    }

    @Override
    String containerSessionJndiName() {
        return "java:jboss/mail/CdiMailIT";
    }

    @Override
    AppServer boot(Path work, Path systemProperties, List<Path> wars) throws IOException {
        WildFlyServer wildFly = WildFlyServer.start(Path.of(System.getProperty("wildfly.home")), work, systemProperties,
                "standalone-full.xml");
        server = wildFly; // stopped by @AfterAll even if what follows fails
        wildFly.runCli(Templates.render("wildfly/observability.cli", Map.of(), work.resolve("observability.cli")));
        wildFly.runCli(Templates.render("wildfly/mail-session.cli",
                Map.of("SMTP_PORT", Integer.toString(peers.container().getSmtp().getPort()),
                        "JNDI_NAME", containerSessionJndiName()),
                work.resolve("mail-session.cli")));
        deployments = wildFly.deploy(wars);
        return wildFly;
    }

    @Override
    String deploymentFailure(String contextRoot) {
        Deployment deployment = deployments.get(contextRoot + ".war");
        return deployment.succeeded() ? "" : deployment.failure();
    }
}

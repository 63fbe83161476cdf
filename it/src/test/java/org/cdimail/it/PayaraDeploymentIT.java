package org.cdimail.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cdimail.it.server.AppServer;
import org.cdimail.it.server.PayaraMicroServer;
import org.cdimail.it.server.Templates;

/**
 * The example application on Payara Micro: mail session created by a post-boot
 * {@code create-javamail-resource}, WARs given with {@code --deploy}.
 */
class PayaraDeploymentIT extends ServerFeaturesContract {

    @Override
    String workDirectoryName() {
        return "payara";
    }

    @Override
    String containerSessionJndiName() {
        return "mail/CdiMailIT";
    }

    @Override
    AppServer boot(Path work, Path systemProperties, List<Path> wars) throws IOException {
        Path preBoot = Templates.render("payara/pre-boot-commands.txt", Map.of(), work.resolve("pre-boot-commands.txt"));
        Path postBoot = Templates.render("payara/post-boot-commands.txt",
                Map.of("SMTP_PORT", Integer.toString(peers.container().getSmtp().getPort()),
                        "JNDI_NAME", containerSessionJndiName()),
                work.resolve("post-boot-commands.txt"));
        return PayaraMicroServer.start(Path.of(System.getProperty("payara.micro.jar")), work, systemProperties,
                preBoot, postBoot, wars);
    }

    @Override
    String deploymentFailure(String contextRoot) {
        // Payara Micro has no deployment status to ask: its log says why a WAR did not deploy.
        return server.log();
    }
}

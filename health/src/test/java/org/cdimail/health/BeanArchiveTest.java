package org.cdimail.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The jar is a bean archive that discovers none of its classes: WildFly's health subsystem sees
 * the synthetic checks only in a bean archive of the WAR (see {@link HealthExtension}), and nothing
 * but the extension's own beans may come from it.
 */
class BeanArchiveTest {

    @Test
    void theJarsBeansXmlDiscoversAllButExcludesEveryClassOfTheModule() throws Exception {
        URL root = HealthExtension.class.getProtectionDomain().getCodeSource().getLocation();
        URL beansXml = new URL(root, "META-INF/beans.xml");
        Element beans;
        try (InputStream in = beansXml.openStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            beans = factory.newDocumentBuilder().parse(in).getDocumentElement();
        }

        assertThat(beans.getLocalName()).isEqualTo("beans");
        assertThat(beans.getAttribute("bean-discovery-mode")).isEqualTo("all");
        Element exclude = (Element) beans.getElementsByTagNameNS("*", "exclude").item(0);
        assertThat(exclude).as("a scan exclude in %s", beansXml).isNotNull();
        assertThat(exclude.getAttribute("name")).isEqualTo("org.cdimail.health.**");
    }

    @Test
    void theOnlyBeansOfTheModuleAreTheExtensionAndOneReadinessCheckPerAlias() {
        try (HealthContainer container = HealthContainer.start("mail.backend", "locmem",
                "mail.outbox.backend", "locmem")) {
            List<Bean<?>> ours = container.weld().getBeanManager().getBeans(Object.class, Any.Literal.INSTANCE)
                    .stream().filter(b -> b.getBeanClass().getPackageName().equals("org.cdimail.health"))
                    .collect(Collectors.toList());

            assertThat(ours).filteredOn(b -> b.getTypes().contains(HealthCheck.class))
                    .hasSize(2)
                    .allSatisfy(b -> assertThat(b.getQualifiers()).contains(Readiness.Literal.INSTANCE));
            assertThat(ours).filteredOn(b -> !b.getTypes().contains(HealthCheck.class))
                    .extracting(Bean::getBeanClass).containsExactly(HealthExtension.class);
            assertThat(container.readiness().getJsonArray("checks").stream()
                    .map(c -> c.asJsonObject().getString("name")))
                    .containsExactlyInAnyOrder("cdi-mail.default", "cdi-mail.outbox");
        }
    }
}

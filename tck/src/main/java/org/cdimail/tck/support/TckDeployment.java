package org.cdimail.tck.support;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.cdimail.tck.Groups;
import org.cdimail.tck.spi.DeploymentCustomizer;
import org.cdimail.tck.spi.MailboxInspector;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the deployment of a TCK test class: the class and its TCK superclasses, the TCK's
 * support and SPI packages, {@code beans.xml}, the configuration of the class's backend plus
 * the test's own keys, and whatever the porting package's customizers add.
 *
 * <pre>{@code
 * @Deployment
 * public static WebArchive deployment() {
 *     return TckDeployment.of(MyTest.class).config("mail.admins", "ops@example.com").build();
 * }
 * }</pre>
 *
 * <p>The configuration goes to {@code WEB-INF/classes/META-INF/microprofile-config.properties}
 * with {@code config_ordinal=500}, so a test's keys win over a runner's own properties files
 * and system properties.
 */
public final class TckDeployment {

    /** Above system properties (400) so that each deployment sees exactly its own keys. */
    private static final String ORDINAL = "500";

    private static final String BEANS_XML = """
            <beans xmlns="https://jakarta.ee/xml/ns/jakartaee"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:schemaLocation="https://jakarta.ee/xml/ns/jakartaee https://jakarta.ee/xml/ns/jakartaee/beans_4_0.xsd"
                   version="4.0" bean-discovery-mode="annotated">
            </beans>
            """;

    private final Class<?> testClass;
    private final List<Class<?>> classes = new ArrayList<>();
    private final Map<String, String> config = new LinkedHashMap<>();
    private String inspectedAlias = "default";

    private TckDeployment(Class<?> testClass) {
        this.testClass = testClass;
    }

    /**
     * Starts the deployment of a test class.
     *
     * @param testClass the test class, running under the TCK extension
     * @return the builder
     */
    public static TckDeployment of(Class<?> testClass) {
        return new TckDeployment(testClass);
    }

    /**
     * Adds classes, for example beans the test needs.
     *
     * @param beans the classes
     * @return this builder
     */
    public TckDeployment classes(Class<?>... beans) {
        classes.addAll(List.of(beans));
        return this;
    }

    /**
     * Adds a configuration property.
     *
     * @param key   the key
     * @param value the value
     * @return this builder
     */
    public TckDeployment config(String key, String value) {
        config.put(key, value);
        return this;
    }

    /**
     * Adds configuration properties.
     *
     * @param properties the keys and values
     * @return this builder
     */
    public TckDeployment config(Map<String, String> properties) {
        config.putAll(properties);
        return this;
    }

    /**
     * Routes {@code alias}, instead of {@code default}, to the backend of the class's inspector,
     * which then reads that alias; the {@code default} alias keeps the implementation's
     * default backend.
     *
     * @param alias the alias under test
     * @return this builder
     */
    public TckDeployment inspectedAlias(String alias) {
        inspectedAlias = alias;
        return this;
    }

    /**
     * Routes another alias to the given inspector's backend.
     *
     * @param alias     the alias
     * @param inspector the inspector, which then reads that alias
     * @return this builder
     */
    public TckDeployment alias(String alias, MailboxInspector inspector) {
        config.putAll(inspector.configuration(alias));
        return this;
    }

    /**
     * Keeps a resource the deployment's configuration refers to (a second server, a
     * directory) open until the test class ends.
     *
     * @param <T>      the resource type
     * @param resource the resource
     * @return the resource
     */
    public <T extends AutoCloseable> T closeAfterClass(T resource) {
        TckRuns.of(testClass).resources().add(resource);
        return resource;
    }

    /**
     * The inspector of the test class, as the given built-in type.
     *
     * @param <T>  the inspector type
     * @param type the type
     * @return the inspector
     */
    public <T extends MailboxInspector> T inspector(Class<T> type) {
        return TckRuns.inspector(testClass, type);
    }

    /**
     * Builds the archive.
     *
     * @return the deployment
     */
    public WebArchive build() {
        TckRuns.Run run = TckRuns.of(testClass);
        Map<String, String> properties = new LinkedHashMap<>();
        run.inspector().ifPresent(inspector -> properties.putAll(inspector.configuration(inspectedAlias)));
        properties.putAll(config);

        WebArchive archive = ShrinkWrap.create(WebArchive.class, testClass.getSimpleName() + ".war")
                .addPackage(Groups.class.getPackage()) // the contract annotations, read in the server too
                .addPackage(TckDeployment.class.getPackage())
                .addPackage(MailboxInspector.class.getPackage())
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsResource(new StringAsset(propertiesText(properties)), "META-INF/microprofile-config.properties");
        for (Class<?> type = testClass; type != null && type.getName().startsWith("org.cdimail.tck."); type = type.getSuperclass()) {
            archive.addClass(type);
        }
        classes.forEach(archive::addClass);
        for (DeploymentCustomizer customizer : run.customizers()) {
            customizer.customize(archive);
        }
        return archive;
    }

    private static String propertiesText(Map<String, String> properties) {
        Properties all = new Properties();
        all.setProperty("config_ordinal", ORDINAL);
        all.putAll(properties);
        StringWriter text = new StringWriter();
        try {
            all.store(text, "cdi-mail TCK deployment configuration");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}

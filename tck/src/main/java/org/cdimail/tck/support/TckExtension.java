package org.cdimail.tck.support;

import static org.cdimail.tck.support.TckError.NO_MAILBOX_INSPECTOR;

import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cdimail.tck.Groups;
import org.cdimail.tck.spi.DeploymentCustomizer;
import org.cdimail.tck.spi.MailboxInspector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Prepares a TCK test class before Arquillian deploys it: creates the inspector of the backend
 * the class names, loads the porting package, and closes the inspector after the class. Must be
 * registered before Arquillian's extension, as the TCK's annotations do.
 *
 * <p>A class whose backend is the porting package's inspector (the {@code provided} group)
 * <em>fails</em> when the porting package provides none: a runner whose service file is missing
 * or misnamed must not pass while testing nothing. A run that does not test a provided backend
 * excludes the group ({@code <excludedGroups>provided</excludedGroups>}).
 */
public final class TckExtension implements BeforeAllCallback, BeforeTestExecutionCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        requireProvidedInspector(testClass, context);
        Optional<MailboxInspector> inspector = AnnotationSupport.findAnnotation(testClass, MailboxOf.class)
                .map(mailbox -> create(mailbox.value(), context));
        TckRuns.begin(testClass, new TckRuns.Run(inspector,
                PortingPackage.all(DeploymentCustomizer.class, context::getConfigurationParameter),
                new CopyOnWriteArrayList<>()));
    }

    /** Empties the mailbox once Arquillian has injected the test instance. */
    @Override
    public void beforeTestExecution(ExtensionContext context) {
        if (context.getRequiredTestInstance() instanceof MailTestBase test) {
            test.clearMailbox();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TckRuns.end(context.getRequiredTestClass()).ifPresent(TckRuns.Run::close);
    }

    /**
     * Fails a {@code provided} class when no inspector is found, naming the SPI, where it is
     * looked for and how to leave the group out.
     */
    private static void requireProvidedInspector(Class<?> testClass, ExtensionContext context) {
        Optional<MailboxOf> mailbox = AnnotationSupport.findAnnotation(testClass, MailboxOf.class);
        if (mailbox.isPresent() && mailbox.get().value() == MailboxInspector.class
                && PortingPackage.all(MailboxInspector.class, context::getConfigurationParameter).isEmpty()) {
            String spi = MailboxInspector.class.getName();
            throw new IllegalStateException(NO_MAILBOX_INSPECTOR.message(testClass.getName() + " is in the '"
                    + Groups.PROVIDED
                    + "' group, but no " + spi + " was found: name your inspector class in the JUnit configuration"
                    + " parameter or system property " + spi + ", or in the service file META-INF/services/" + spi
                    + " on the test class path (src/test/resources); a run that tests no provided backend excludes"
                    + " the group (<excludedGroups>" + Groups.PROVIDED + "</excludedGroups>)"));
        }
    }

    private static MailboxInspector create(Class<? extends MailboxInspector> type, ExtensionContext context) {
        if (type == MailboxInspector.class) {
            return PortingPackage.all(MailboxInspector.class, context::getConfigurationParameter).get(0);
        }
        return PortingPackage.instantiate(MailboxInspector.class, type.getName());
    }
}

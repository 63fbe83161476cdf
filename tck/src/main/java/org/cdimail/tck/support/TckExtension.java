package org.cdimail.tck.support;

import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cdimail.tck.spi.DeploymentCustomizer;
import org.cdimail.tck.spi.MailboxInspector;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Prepares a TCK test class before Arquillian deploys it: creates the inspector of the backend
 * the class names, loads the porting package, and closes the inspector after the class. Must be
 * registered before Arquillian's extension, as the TCK's annotations do.
 *
 * <p>A class whose backend is the porting package's inspector is disabled when the porting
 * package provides none.
 */
public final class TckExtension implements ExecutionCondition, BeforeAllCallback, BeforeTestExecutionCallback,
        AfterAllCallback {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<MailboxOf> mailbox = context.getTestClass()
                .flatMap(type -> AnnotationSupport.findAnnotation(type, MailboxOf.class));
        if (mailbox.isPresent() && mailbox.get().value() == MailboxInspector.class
                && PortingPackage.all(MailboxInspector.class, context::getConfigurationParameter).isEmpty()) {
            return ConditionEvaluationResult.disabled("no " + MailboxInspector.class.getName()
                    + " in the porting package: the provided-backend contract is not run");
        }
        return ConditionEvaluationResult.enabled("the backend under test is available");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
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

    private static MailboxInspector create(Class<? extends MailboxInspector> type, ExtensionContext context) {
        if (type == MailboxInspector.class) {
            return PortingPackage.all(MailboxInspector.class, context::getConfigurationParameter).get(0);
        }
        return PortingPackage.instantiate(MailboxInspector.class, type.getName());
    }
}

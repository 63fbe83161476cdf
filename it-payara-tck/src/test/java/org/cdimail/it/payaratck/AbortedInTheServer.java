package org.cdimail.it.payaratck;

import java.util.Collection;

import org.jboss.arquillian.junit5.IdentifiedTestException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Reports a TCK test that an assumption aborted inside the server as skipped, as it is under an
 * embedded container: Arquillian's in-container JUnit 5 runner returns the
 * {@link TestAbortedException} wrapped in an {@link IdentifiedTestException}, which would count as
 * an error. Registered by JUnit's extension auto-detection in the {@code tck-payara} run; the same as
 * {@code it}'s class of this name for WildFly, whose test class path this module does not share.
 */
public final class AbortedInTheServer implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        if (throwable instanceof IdentifiedTestException identified) {
            Collection<Throwable> causes = identified.getCollectedExceptions().values();
            if (!causes.isEmpty() && causes.stream().allMatch(AbortedInTheServer::isAbort)) {
                Throwable abort = causes.iterator().next();
                throw abort instanceof TestAbortedException ? abort : new TestAbortedException(abort.getMessage());
            }
        }
        throw throwable;
    }

    private static boolean isAbort(Throwable cause) {
        return cause instanceof TestAbortedException
                || cause.getClass().getName().equals(TestAbortedException.class.getName())
                || String.valueOf(cause.getMessage()).startsWith(TestAbortedException.class.getName() + ":");
    }
}

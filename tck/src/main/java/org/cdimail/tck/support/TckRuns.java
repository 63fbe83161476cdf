package org.cdimail.tck.support;

import static org.cdimail.tck.support.TckError.NOT_UNDER_TCK_EXTENSION;
import static org.cdimail.tck.support.TckError.NO_BACKEND_NAMED;
import static org.cdimail.tck.support.TckError.RESOURCE_NOT_CLOSED;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.cdimail.tck.spi.DeploymentCustomizer;
import org.cdimail.tck.spi.MailboxInspector;

/**
 * What the TCK prepared for each test class that is running: its inspector and the porting
 * package's customizers. Static because Arquillian calls {@code @Deployment} methods
 * statically; the TCK's extension fills it before the deployment is built and empties it after
 * the class.
 */
public final class TckRuns {

    /** The state of one running test class. */
    record Run(Optional<MailboxInspector> inspector, List<DeploymentCustomizer> customizers,
            List<AutoCloseable> resources) {

        void close() {
            inspector.ifPresent(MailboxInspector::close);
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    throw new IllegalStateException(
                            RESOURCE_NOT_CLOSED.message("a test resource could not be closed"), e);
                }
            }
        }
    }

    private static final Map<Class<?>, Run> RUNS = new ConcurrentHashMap<>();

    private TckRuns() {
    }

    static void begin(Class<?> testClass, Run run) {
        RUNS.put(testClass, run);
    }

    static Optional<Run> end(Class<?> testClass) {
        return Optional.ofNullable(RUNS.remove(testClass));
    }

    static Run of(Class<?> testClass) {
        Run run = RUNS.get(testClass);
        if (run == null) {
            throw new IllegalStateException(NOT_UNDER_TCK_EXTENSION.message(testClass.getName()
                    + " is not running under the TCK extension; annotate it with a TCK contract annotation"));
        }
        return run;
    }

    /**
     * The inspector of a running test class.
     *
     * @param testClass the test class
     * @return its inspector
     * @throws IllegalStateException if the class runs against no backend
     */
    public static MailboxInspector inspector(Class<?> testClass) {
        return of(testClass).inspector().orElseThrow(() -> new IllegalStateException(
                NO_BACKEND_NAMED.message(testClass.getName() + " names no backend (for example @LocmemBackend)")));
    }

    /**
     * The resources of a running test class of the given type, in the order added.
     *
     * @param <T>       the resource type
     * @param testClass the test class
     * @param type      the resource type
     * @return the resources
     */
    public static <T> List<T> resources(Class<?> testClass, Class<T> type) {
        return of(testClass).resources().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * The inspector of a running test class, cast to a built-in inspector type.
     *
     * @param <T>       the inspector type
     * @param testClass the test class
     * @param type      the expected inspector type
     * @return the inspector
     */
    public static <T extends MailboxInspector> T inspector(Class<?> testClass, Class<T> type) {
        return type.cast(inspector(testClass));
    }
}

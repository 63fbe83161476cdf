package org.cdimail.tck;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Test;

/**
 * A TCK test, and the behaviour it traces back to: a Django test name from
 * {@code tests/mail} (for example {@code test_unicode_address_header}) or a bullet of the TCK's
 * issue (for example {@code refused-recipient-does-not-stop-the-others}). Meta-annotated with
 * {@link Test}, so it replaces {@code @Test}.
 *
 * <p>Reading the annotations of a run's test classes gives the coverage table of the TCK: which
 * Django behaviours are reproduced, which are improved, and what was added.
 */
@Documented
@Retention(RUNTIME)
@Target(METHOD)
@Test
public @interface Assertion {

    /**
     * The traced behaviour: a Django test name, or an issue bullet for behaviours Django does not
     * test.
     *
     * @return the identifier
     */
    String id();

    /**
     * How the test relates to the traced behaviour.
     *
     * @return the strategy
     */
    Strategy strategy();

    /** How a TCK test relates to the behaviour it traces back to. */
    enum Strategy {
        /** Checks what Django's test checks, as a backend shows it. */
        REPRODUCED,
        /** Checks more, or something stricter, than Django does (the javadoc says what). */
        IMPROVED,
        /** Not in Django: asked for by users of other mail libraries, or required by the API. */
        ADDED
    }
}

package org.cdimail.tck.support;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.cdimail.tck.spi.MailboxInspector;

/**
 * Names the inspector of the backend a test class runs against. Used as a meta-annotation of
 * the backend annotations ({@link org.cdimail.tck.SmtpBackend} and the others); the value
 * {@code MailboxInspector.class} itself means "the inspector of the porting package".
 */
@Documented
@Retention(RUNTIME)
@Target({ TYPE, ANNOTATION_TYPE })
public @interface MailboxOf {

    /**
     * The inspector class, with a public no-argument constructor.
     *
     * @return the inspector class
     */
    Class<? extends MailboxInspector> value();
}

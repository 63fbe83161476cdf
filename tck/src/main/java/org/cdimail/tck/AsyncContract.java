package org.cdimail.tck;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.cdimail.tck.support.TckExtension;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The asynchronous sending contract: {@link org.cdimail.AsyncMailer}, run once per backend. Tagged {@value Groups#ASYNC}; runs the class under the TCK's extension, then Arquillian's.
 */
@Documented
@Inherited
@Retention(RUNTIME)
@Target(TYPE)
@Tag(Groups.ASYNC)
@ExtendWith(TckExtension.class)
@ExtendWith(ArquillianExtension.class)
public @interface AsyncContract {
}

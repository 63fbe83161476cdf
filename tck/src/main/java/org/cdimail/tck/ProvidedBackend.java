package org.cdimail.tck;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.cdimail.tck.support.MailboxOf;
import org.cdimail.tck.support.TckExtension;
import org.cdimail.tck.spi.MailboxInspector;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test runs against the backend of the porting package's {@link MailboxInspector}; fails when there is none. Tagged {@value Groups#PROVIDED}.
 */
@Documented
@Retention(RUNTIME)
@Target(TYPE)
@Tag(Groups.PROVIDED)
@MailboxOf(MailboxInspector.class)
@ExtendWith(TckExtension.class)
@ExtendWith(ArquillianExtension.class)
public @interface ProvidedBackend {
}

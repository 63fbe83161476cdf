package org.cdimail.tck;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.cdimail.tck.support.MailboxOf;
import org.cdimail.tck.support.TckExtension;
import org.cdimail.tck.support.LocmemInspector;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test runs against the {@code locmem} backend, reading its {@link org.cdimail.Outbox}. Tagged {@value Groups#LOCMEM}.
 */
@Documented
@Retention(RUNTIME)
@Target(TYPE)
@Tag(Groups.LOCMEM)
@MailboxOf(LocmemInspector.class)
@ExtendWith(TckExtension.class)
@ExtendWith(ArquillianExtension.class)
public @interface LocmemBackend {
}

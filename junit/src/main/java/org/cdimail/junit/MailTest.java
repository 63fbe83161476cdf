package org.cdimail.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class the way Django's test runner runs tests that send mail: the {@code default}
 * alias uses the in-memory {@code locmem} backend whatever the configuration says, and every
 * outbox is emptied before each test.
 *
 * <pre>{@code
 * @MailTest
 * class SignupTest {
 *     @Inject Mailer mailer;
 *     @Inject Outbox outbox;
 *
 *     @Test
 *     void sendsAWelcomeMail() {
 *         signup.register("ada@example.com");
 *         assertEquals(1, outbox.size());
 *     }
 * }
 * }</pre>
 *
 * <p>Put it before the annotation that starts the CDI container (for example weld-junit's
 * {@code @EnableWeld}), or start the container in a {@code @BeforeAll} or {@code @BeforeEach}
 * method: the switch must be active when the container reads the configuration.
 *
 * @see MailTestExtension
 */
@Documented
@Inherited
@Retention(RUNTIME)
@Target({ TYPE, ANNOTATION_TYPE })
@ExtendWith(MailTestExtension.class)
public @interface MailTest {
}

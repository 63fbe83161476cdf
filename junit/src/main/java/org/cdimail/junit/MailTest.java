package org.cdimail.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import org.jboss.weld.junit5.auto.AddExtensions;
import org.junit.jupiter.api.extension.ExtendWith;

import org.cdimail.impl.MailExtension;

/**
 * Runs a test class the way Django's test runner runs tests that send mail: <em>every</em> alias
 * uses the in-memory {@code locmem} backend whatever the configuration says, so no test reaches a
 * real server by accident, and every outbox is emptied before each test.
 *
 * <pre>{@code
 * @MailTest
 * @EnableAutoWeld
 * @AddBeanClasses(Signup.class)
 * class SignupTest {
 *     @Inject Signup signup;
 *     @Inject Outbox outbox;                                   // the default alias
 *     @Inject @Backend("transactional") Outbox transactional;  // another alias
 *
 *     @Test
 *     void sendsAWelcomeMail() {
 *         signup.register("ada@example.com");
 *         assertEquals(1, outbox.size());
 *     }
 * }
 * }</pre>
 *
 * <p>With weld-junit's {@code @EnableAutoWeld}, it also adds cdi-mail's CDI extension to the
 * container (weld-junit's auto mode does not load extensions from {@code META-INF/services});
 * other ways of starting the container load it as usual. Put it before the annotation that starts
 * the CDI container, or start the container in a {@code @BeforeAll} or {@code @BeforeEach}
 * method: the switch must be active when the container reads the configuration.
 *
 * <p>A test that deliberately sends through an alias's real backend (an integration test against
 * a test SMTP server) names it in {@link #realAliases()}.
 *
 * @see MailTestExtension
 */
@Documented
@Inherited
@Retention(RUNTIME)
@Target({ TYPE, ANNOTATION_TYPE })
@ExtendWith(MailTestExtension.class)
@AddExtensions(MailExtension.class)
public @interface MailTest {

    /**
     * Aliases that keep their configured backend during the test; all others use {@code locmem}.
     *
     * @return the aliases, none by default
     */
    String[] realAliases() default {};
}

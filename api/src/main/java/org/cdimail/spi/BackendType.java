package org.cdimail.spi;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Objects;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

/**
 * Names a custom backend implemented as a CDI bean, so that configuration can select it like a
 * built-in one ({@code mail.<alias>.backend=sms}):
 * <pre>{@code
 * @BackendType("sms") @Dependent
 * public class SmsGatewayBackend implements EmailBackend {
 *     @Inject BackendContext context;   // the alias it serves, its settings, renderer, envelope
 *     ...
 * }
 * }</pre>
 * A bean is created for every connection of an alias that selects it. Applications never inject
 * such a bean directly: they inject the alias, {@code @Inject @Backend("alias") EmailBackend}.
 * Two beans <em>must not</em> claim one name, nor the name of a built-in backend.
 *
 * <p>(To select an alias at an injection point, use {@link org.cdimail.inject.Backend @Backend}.)
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({ TYPE, METHOD, FIELD, PARAMETER })
public @interface BackendType {

    /**
     * The backend name.
     *
     * @return the name
     */
    String value();

    /** An instance of {@link BackendType}, for programmatic lookup. */
    final class Literal extends AnnotationLiteral<BackendType> implements BackendType {

        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = Objects.requireNonNull(value, "value");
        }

        /**
         * A literal for {@code value}.
         *
         * @param value the backend name
         * @return the literal
         */
        public static Literal of(String value) {
            return new Literal(value);
        }

        @Override
        public String value() {
            return value;
        }
    }
}

package org.cdimail.inject;

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
 * Selects a mail alias (Django 6.1's {@code MAILERS["alias"]}) at an injection point.
 *
 * <p>It selects the alias whose {@link org.cdimail.Mailer},
 * {@link org.cdimail.spi.EmailBackend} connection or {@link org.cdimail.Outbox} is injected:
 * <pre>{@code
 * @Inject @Backend("transactional") Mailer transactional;
 * @Inject @Backend("console") EmailBackend console;  // works with no configuration
 * }</pre>
 * The alias's backend type is {@code mail.<alias>.backend}, or the alias name itself when it
 * names a backend. An injection point without this qualifier means the {@value #DEFAULT} alias.
 *
 * <p>A custom backend is named with {@link org.cdimail.spi.BackendType @BackendType} on its bean
 * class (or registered by a {@link org.cdimail.spi.BackendProvider}); an alias of the same name
 * then selects it with no configuration.
 *
 * <p>The value is binding: each alias is a distinct bean.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({ TYPE, METHOD, FIELD, PARAMETER })
public @interface Backend {

    /** The name of the alias used when no qualifier is given: {@value}. */
    String DEFAULT = "default";

    /**
     * The alias.
     *
     * @return the alias
     */
    String value();

    /** An instance of {@link Backend}, for programmatic lookup: {@code Backend.Literal.of("x")}. */
    final class Literal extends AnnotationLiteral<Backend> implements Backend {

        private static final long serialVersionUID = 1L;

        /** The literal for the {@value Backend#DEFAULT} alias. */
        public static final Literal DEFAULT_ALIAS = new Literal(Backend.DEFAULT);

        private final String value;

        private Literal(String value) {
            this.value = Objects.requireNonNull(value, "value");
        }

        /**
         * A literal for {@code value}.
         *
         * @param value the alias
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

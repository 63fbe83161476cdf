/**
 * The service provider interface of cdi-mail, for people who write backends or implementations.
 *
 * <p>A backend writer implements {@link org.cdimail.spi.EmailBackend} and annotates the bean
 * class with {@link org.cdimail.inject.Backend @Backend("name")}; configuration then selects it
 * like a built-in backend. An implementation of the whole API provides a
 * {@link org.cdimail.spi.MessageRenderer} through {@link java.util.ServiceLoader}. Applications
 * normally use {@link org.cdimail.Mailer} instead.
 */
package org.cdimail.spi;

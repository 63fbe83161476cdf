/**
 * CDI annotations of cdi-mail, for applications that inject mail beans.
 *
 * <p>{@link org.cdimail.inject.Backend @Backend("alias")} selects the
 * {@link org.cdimail.Mailer}, {@link org.cdimail.spi.EmailBackend} or
 * {@link org.cdimail.Outbox} of an alias. Kept apart from {@link org.cdimail} so that code
 * that only builds messages never sees a CDI type.
 */
package org.cdimail.inject;

/**
 * The built-in backends, one package each, and what they share. Internal: applications use
 * {@link org.cdimail.spi.EmailBackend} and {@link org.cdimail.Mailer}.
 */
package org.cdimail.impl.backend;

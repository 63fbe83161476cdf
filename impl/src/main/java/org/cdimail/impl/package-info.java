/**
 * The CDI side of cdi-mail: the portable extension, the per-alias registry and the
 * {@link org.cdimail.Mailer} implementation. Internal: nothing here is public API.
 */
package org.cdimail.impl;

/**
 * What cdi-mail's optional health and metrics artifacts ({@code cdi-mail-health},
 * {@code cdi-mail-metrics}) see of the aliases in use: their backend, where their SMTP server
 * is, their health settings, and a probe of the SMTP server. Internal: applications use the
 * readiness checks and meters those artifacts register.
 */
package org.cdimail.impl.monitor;

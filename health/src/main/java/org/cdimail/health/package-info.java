/**
 * cdi-mail's MicroProfile Health integration: one {@code @Readiness} check per alias in use,
 * registered by {@link org.cdimail.health.HealthExtension} when the application has this artifact
 * and the server has MicroProfile Health. Internal: applications add the artifact and read
 * {@code /health/ready}; they do not call it.
 */
package org.cdimail.health;

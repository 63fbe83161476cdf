/**
 * The {@code smtp} backend, on Jakarta Mail. Properties it does not manage can be passed to the
 * Jakarta Mail session as {@code mail.<alias>.smtp.*} or {@code mail.smtp.*}; see
 * <a href="https://eclipse-ee4j.github.io/angus-mail/docs/api/org.eclipse.angus.mail/org/eclipse/angus/mail/smtp/package-summary.html">Angus Mail's SMTP properties</a>.
 */
package org.cdimail.impl.backend.smtp;

/**
 * The {@code smtp} backend: cdi-mail's own SMTP client ({@code SmtpWire} over {@code SmtpChannel},
 * bounded in time and memory), or Jakarta Mail's transport with {@code transport=jakarta-mail} or
 * a container session. Jakarta Mail properties it does not manage are passed to that transport's
 * session as {@code mail.<alias>.jakarta-mail.smtp.*} (or {@code mail.jakarta-mail.smtp.*}); see
 * <a href="https://eclipse-ee4j.github.io/angus-mail/docs/api/org.eclipse.angus.mail/org/eclipse/angus/mail/smtp/package-summary.html">Angus Mail's SMTP properties</a>.
 */
package org.cdimail.impl.backend.smtp;

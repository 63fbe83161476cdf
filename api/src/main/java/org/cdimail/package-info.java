/**
 * The cdi-mail user API: everything an application touches to send mail.
 *
 * <p>This package is for <em>every user</em> of cdi-mail. It holds the message model
 * ({@link org.cdimail.EmailMessage}, {@link org.cdimail.EmailAttachment},
 * {@link org.cdimail.EmailAlternative}), the {@link org.cdimail.Mailer} facade with Django's
 * convenience functions, the in-memory {@link org.cdimail.Outbox} used in tests, and the
 * exceptions. CDI annotations live in {@link org.cdimail.inject}; what a backend writer
 * implements lives in {@link org.cdimail.spi}.
 *
 * <h2 id="django">Relation to Django</h2>
 * Each public element of {@code django.core.mail} has a counterpart here, in Java idiom:
 * {@code send_mail} is {@link org.cdimail.Mailer#sendMail(String, String, String, java.util.List)},
 * {@code EmailMessage} is an immutable {@link org.cdimail.EmailMessage} built with
 * {@link org.cdimail.EmailMessage#builder()}, and {@code BadHeaderError} is
 * {@link org.cdimail.BadHeaderException}.
 */
package org.cdimail;

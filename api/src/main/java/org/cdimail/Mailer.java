package org.cdimail;

import java.util.List;

import org.cdimail.spi.EmailBackend;

/**
 * The facade of {@code django.core.mail}: {@code send_mail}, {@code send_mass_mail},
 * {@code mail_admins}, {@code mail_managers} and {@code get_connection}, for one alias.
 *
 * <pre>{@code
 * @Inject Mailer mailer;                                  // the "default" alias
 * @Inject @Backend("transactional") Mailer transactional; // another alias
 *
 * mailer.sendMail("Subject", "Body", "from@example.com", List.of("to@example.com"));
 * mailer.using("transactional").send(message);
 * }</pre>
 *
 * <p>Like Django's functions, these methods are frozen: new capabilities go to
 * {@link EmailMessage}. Implementations <em>must</em> be safe to use from many threads.
 *
 * <h2 id="counts">Return values</h2>
 * Each method returns the number of messages sent, as Django does: {@code sendMail} returns 0 or
 * 1; with fail-silently, a failure returns 0 instead of throwing. A {@link BadHeaderException}
 * is never swallowed.
 */
public interface Mailer {

    /**
     * The alias this mailer sends through.
     *
     * @return the alias name, {@code "default"} for the unqualified mailer
     */
    String alias();

    /**
     * A mailer for another alias: Django 6.1's {@code using=} argument.
     *
     * @param alias the alias, as in {@code mail.<alias>.backend}
     * @return the mailer of that alias
     * @throws IllegalArgumentException if no such alias can be resolved
     */
    Mailer using(String alias);

    /**
     * Django's {@code send_mail(subject, message, from_email, recipient_list)}.
     *
     * @param subject       the subject
     * @param message       the plain-text body
     * @param from          the sender, or {@code null} for {@code mail.default-from}
     * @param recipientList the {@code To} recipients
     * @return 1 if the message was sent, else 0
     * @throws MailException      if sending failed
     * @throws BadHeaderException if a header could be injected
     */
    default int sendMail(String subject, String message, String from, List<String> recipientList) {
        return sendMail(subject, message, from, recipientList, SendOptions.defaults());
    }

    /**
     * Django's {@code send_mail} with every optional parameter: {@code fail_silently},
     * {@code auth_user}, {@code auth_password}, {@code connection} and {@code html_message}.
     *
     * @param subject       the subject
     * @param message       the plain-text body
     * @param from          the sender, or {@code null} for {@code mail.default-from}
     * @param recipientList the {@code To} recipients
     * @param options       the optional parameters
     * @return 1 if the message was sent, else 0
     * @throws MailException      if sending failed and fail-silently is off
     * @throws BadHeaderException if a header could be injected
     */
    int sendMail(String subject, String message, String from, List<String> recipientList, SendOptions options);

    /**
     * Django's {@code send_mass_mail}: sends every message over one connection.
     *
     * @param messages the messages
     * @return the number of messages sent
     * @throws MailException if sending failed
     */
    default int sendMassMail(List<EmailMessage> messages) {
        return sendMassMail(messages, SendOptions.defaults());
    }

    /**
     * Django's {@code send_mass_mail} with {@code fail_silently}, {@code auth_user},
     * {@code auth_password} and {@code connection}. {@link SendOptions#htmlMessage()} is ignored.
     *
     * @param messages the messages
     * @param options  the optional parameters
     * @return the number of messages sent
     * @throws MailException if sending failed and fail-silently is off
     */
    int sendMassMail(List<EmailMessage> messages, SendOptions options);

    /**
     * Django's {@code mail_admins}: sends to {@code mail.admins} from {@code mail.server-email},
     * the subject prefixed with {@code mail.subject-prefix}. With no admins configured it sends
     * nothing and opens no connection.
     *
     * @param subject the subject, before the prefix
     * @param message the plain-text body
     * @return the number of messages sent (0 or 1)
     */
    default int mailAdmins(String subject, String message) {
        return mailAdmins(subject, message, SendOptions.defaults());
    }

    /**
     * Django's {@code mail_admins} with {@code fail_silently}, {@code connection} and
     * {@code html_message}.
     *
     * @param subject the subject, before the prefix
     * @param message the plain-text body
     * @param options the optional parameters
     * @return the number of messages sent (0 or 1)
     */
    int mailAdmins(String subject, String message, SendOptions options);

    /**
     * Django's {@code mail_managers}: as {@link #mailAdmins(String, String)}, to
     * {@code mail.managers}.
     *
     * @param subject the subject, before the prefix
     * @param message the plain-text body
     * @return the number of messages sent (0 or 1)
     */
    default int mailManagers(String subject, String message) {
        return mailManagers(subject, message, SendOptions.defaults());
    }

    /**
     * Django's {@code mail_managers} with {@code fail_silently}, {@code connection} and
     * {@code html_message}.
     *
     * @param subject the subject, before the prefix
     * @param message the plain-text body
     * @param options the optional parameters
     * @return the number of messages sent (0 or 1)
     */
    int mailManagers(String subject, String message, SendOptions options);

    /**
     * Sends one message: Django's {@code EmailMessage.send()}.
     *
     * @param message the message
     * @return 1 if it was sent, 0 if it has no recipients
     * @throws MailException if sending failed
     */
    default int send(EmailMessage message) {
        return send(message, SendOptions.defaults());
    }

    /**
     * Sends one message: Django's {@code EmailMessage.send(fail_silently)}, optionally through a
     * given connection.
     *
     * @param message the message
     * @param options fail-silently, credentials, or a connection; HTML is ignored
     * @return 1 if it was sent, else 0
     * @throws MailException if sending failed and fail-silently is off
     */
    int send(EmailMessage message, SendOptions options);

    /**
     * Sends the messages over one connection, as {@link #sendMassMail(List)}, and says per message
     * what happened.
     *
     * @param messages the messages
     * @return one receipt per message, in order
     * @throws MailDeliveryException if a message was not sent to every recipient; it carries the
     *                               receipts of the whole batch
     * @throws MailException         if no connection could be opened
     * @see org.cdimail.spi.EmailBackend#deliver(List)
     */
    default List<Receipt> deliver(List<EmailMessage> messages) {
        return deliver(messages, SendOptions.defaults());
    }

    /**
     * Sends the messages over one connection (or the given one), with fail-silently and
     * credentials from {@code options}, and says per message what happened. With fail-silently,
     * failures are described by the receipts instead of thrown.
     *
     * @param messages the messages
     * @param options  fail-silently, credentials, or a connection; HTML is ignored
     * @return one receipt per message, in order
     * @throws MailDeliveryException if a message was not sent to every recipient and fail-silently is off
     * @throws MailException         if no connection could be opened and fail-silently is off
     */
    List<Receipt> deliver(List<EmailMessage> messages, SendOptions options);

    /**
     * A new, unopened connection of this alias: Django's {@code get_connection()}. Use it in
     * try-with-resources to send several batches over one connection.
     *
     * <pre>{@code
     * try (EmailBackend connection = mailer.connection()) {
     *     connection.open();
     *     connection.sendMessages(firstBatch);
     *     connection.sendMessages(secondBatch);
     * }
     * }</pre>
     *
     * @return a new connection
     */
    default EmailBackend connection() {
        return connection(SendOptions.defaults());
    }

    /**
     * A new, unopened connection of this alias with fail-silently and credentials from
     * {@code options}: Django's {@code get_connection(fail_silently, username=…, password=…)}.
     *
     * @param options fail-silently and credentials; other fields are ignored
     * @return a new connection
     */
    EmailBackend connection(SendOptions options);

    /**
     * The same alias, sending in the background: every method returns at once with a
     * {@link java.util.concurrent.CompletionStage} of the receipts. Inside an application server the
     * work runs on the container's {@code ManagedExecutorService}; elsewhere on a bounded executor
     * of cdi-mail whose threads end with the container.
     *
     * <pre>{@code
     * mailer.async().send(welcome).thenAccept(receipt -> log(receipt.status()));
     * }</pre>
     *
     * @return the asynchronous view of this mailer
     */
    AsyncMailer async();
}

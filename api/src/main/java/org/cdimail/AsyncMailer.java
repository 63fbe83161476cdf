package org.cdimail;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The {@link Mailer} of an alias, sending in the background: {@link Mailer#async()}. Every method
 * checks its arguments and returns at once; the stage completes with the receipts once the
 * backend has answered (for a queued alias: once the message is durably queued).
 *
 * <ul>
 * <li>The work runs on the container's {@code ManagedExecutorService} (Jakarta Concurrency) when
 *     there is one, otherwise on a bounded executor of cdi-mail ({@code mail.async.threads},
 *     {@code mail.async.max-pending}); a send beyond the bound fails its stage at once.</li>
 * <li>A failure completes the stage exceptionally with the exception the synchronous method would
 *     have thrown (a {@link MailDeliveryException} carries the receipts); with fail-silently it
 *     completes normally with receipts that show the failure.</li>
 * <li>Inside a JTA transaction (and {@code mail.<alias>.transactional=after-commit}, the default)
 *     the send starts only after the transaction commits; on rollback nothing is sent and the stage
 *     completes with receipts whose status is {@link Receipt.Status#NOT_ATTEMPTED}.</li>
 * <li>When the container stops, sends already accepted are finished (for up to
 *     {@code mail.async.shutdown-timeout}); those that could not be are completed exceptionally
 *     and logged as not sent, never silently dropped.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public interface AsyncMailer {

    /**
     * The alias this mailer sends through.
     *
     * @return the alias name
     */
    String alias();

    /**
     * {@link Mailer#sendMail(String, String, String, List)} in the background.
     *
     * @param subject       the subject
     * @param message       the plain-text body
     * @param from          the sender, or {@code null} for {@code mail.default-from}
     * @param recipientList the recipients
     * @return the receipt of the message
     */
    default CompletionStage<Receipt> sendMail(String subject, String message, String from, List<String> recipientList) {
        return sendMail(subject, message, from, recipientList, SendOptions.defaults());
    }

    /**
     * {@link Mailer#sendMail(String, String, String, List, SendOptions)} in the background.
     *
     * @param subject       the subject
     * @param message       the plain-text body
     * @param from          the sender, or {@code null} for {@code mail.default-from}
     * @param recipientList the recipients
     * @param options       fail-silently, credentials, connection, HTML alternative
     * @return the receipt of the message
     */
    CompletionStage<Receipt> sendMail(String subject, String message, String from, List<String> recipientList,
            SendOptions options);

    /**
     * {@link Mailer#sendMassMail(List)} in the background.
     *
     * @param messages the messages
     * @return a receipt per message, in order
     */
    default CompletionStage<List<Receipt>> sendMassMail(List<EmailMessage> messages) {
        return sendMassMail(messages, SendOptions.defaults());
    }

    /**
     * {@link Mailer#sendMassMail(List, SendOptions)} in the background.
     *
     * @param messages the messages
     * @param options  fail-silently, credentials, connection
     * @return a receipt per message, in order
     */
    CompletionStage<List<Receipt>> sendMassMail(List<EmailMessage> messages, SendOptions options);

    /**
     * {@link Mailer#mailAdmins(String, String)} in the background.
     *
     * @param subject the subject, after {@code mail.subject-prefix}
     * @param message the body
     * @return the receipts: none when {@code mail.admins} is empty
     */
    default CompletionStage<List<Receipt>> mailAdmins(String subject, String message) {
        return mailAdmins(subject, message, SendOptions.defaults());
    }

    /**
     * {@link Mailer#mailAdmins(String, String, SendOptions)} in the background.
     *
     * @param subject the subject, after {@code mail.subject-prefix}
     * @param message the body
     * @param options fail-silently, credentials, connection, HTML alternative
     * @return the receipts: none when {@code mail.admins} is empty
     */
    CompletionStage<List<Receipt>> mailAdmins(String subject, String message, SendOptions options);

    /**
     * {@link Mailer#mailManagers(String, String)} in the background.
     *
     * @param subject the subject, after {@code mail.subject-prefix}
     * @param message the body
     * @return the receipts: none when {@code mail.managers} is empty
     */
    default CompletionStage<List<Receipt>> mailManagers(String subject, String message) {
        return mailManagers(subject, message, SendOptions.defaults());
    }

    /**
     * {@link Mailer#mailManagers(String, String, SendOptions)} in the background.
     *
     * @param subject the subject, after {@code mail.subject-prefix}
     * @param message the body
     * @param options fail-silently, credentials, connection, HTML alternative
     * @return the receipts: none when {@code mail.managers} is empty
     */
    CompletionStage<List<Receipt>> mailManagers(String subject, String message, SendOptions options);

    /**
     * {@link Mailer#send(EmailMessage)} in the background.
     *
     * @param message the message
     * @return its receipt
     */
    default CompletionStage<Receipt> send(EmailMessage message) {
        return send(message, SendOptions.defaults());
    }

    /**
     * {@link Mailer#send(EmailMessage, SendOptions)} in the background.
     *
     * @param message the message
     * @param options fail-silently, credentials, connection
     * @return its receipt
     */
    CompletionStage<Receipt> send(EmailMessage message, SendOptions options);

    /**
     * {@link Mailer#deliver(List)} in the background.
     *
     * @param messages the messages
     * @return a receipt per message, in order
     */
    default CompletionStage<List<Receipt>> deliver(List<EmailMessage> messages) {
        return deliver(messages, SendOptions.defaults());
    }

    /**
     * {@link Mailer#deliver(List, SendOptions)} in the background.
     *
     * @param messages the messages
     * @param options  fail-silently, credentials, connection
     * @return a receipt per message, in order
     */
    CompletionStage<List<Receipt>> deliver(List<EmailMessage> messages, SendOptions options);
}

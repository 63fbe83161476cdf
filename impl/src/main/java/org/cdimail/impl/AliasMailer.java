package org.cdimail.impl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.cdimail.AsyncMailer;
import org.cdimail.EmailMessage;
import org.cdimail.Mailer;
import org.cdimail.Receipt;
import org.cdimail.SendOptions;
import org.cdimail.impl.async.BackgroundMailer;
import org.cdimail.impl.backend.ConnectionOptions;
import org.cdimail.impl.config.AliasSettings;
import org.cdimail.impl.tx.AfterCommit;
import org.cdimail.spi.EmailBackend;

/**
 * The {@link Mailer} of one alias: Django's {@code send_mail}, {@code send_mass_mail},
 * {@code mail_admins}, {@code mail_managers} and {@code get_connection}. Stateless apart from its
 * alias (and its {@link #async()} view, made once), so thread-safe; each call uses a new
 * connection unless one is given.
 */
final class AliasMailer implements Mailer {

    private static final String HTML = "text/html";

    private final AliasRegistry registry;
    private final String alias;
    private volatile AsyncMailer async;

    AliasMailer(AliasRegistry registry, String alias) {
        this.registry = registry;
        this.alias = alias;
    }

    @Override
    public String alias() {
        return alias;
    }

    @Override
    public Mailer using(String other) {
        Objects.requireNonNull(other, "alias");
        return other.equals(alias) ? this : registry.resolvedMailer(other);
    }

    @Override
    public int sendMail(String subject, String message, String from, List<String> recipientList, SendOptions options) {
        return count(List.of(mail(subject, message, from, recipientList, options)), options);
    }

    private static EmailMessage mail(String subject, String message, String from, List<String> recipientList,
            SendOptions options) {
        EmailMessage.Builder builder = EmailMessage.builder().subject(subject).body(message).from(from).to(recipientList);
        options.htmlMessage().ifPresent(html -> builder.attachAlternative(html, HTML));
        return builder.build();
    }

    @Override
    public int sendMassMail(List<EmailMessage> messages, SendOptions options) {
        return count(List.copyOf(messages), options);
    }

    @Override
    public int mailAdmins(String subject, String message, SendOptions options) {
        return mailStaff(settings().admins(), subject, message, options);
    }

    @Override
    public int mailManagers(String subject, String message, SendOptions options) {
        return mailStaff(settings().managers(), subject, message, options);
    }

    private int mailStaff(List<String> staff, String subject, String message, SendOptions options) {
        // As Django: with nobody to send to, nothing is sent and no connection is opened.
        return staffMail(staff, subject, message, options).map(mail -> count(List.of(mail), options)).orElse(0);
    }

    private Optional<EmailMessage> staffMail(List<String> staff, String subject, String message, SendOptions options) {
        if (staff.isEmpty()) {
            return Optional.empty();
        }
        AliasSettings settings = settings();
        EmailMessage.Builder builder = EmailMessage.builder().subject(settings.subjectPrefix() + subject).body(message)
                .from(settings.serverEmail()).to(staff);
        options.htmlMessage().ifPresent(html -> builder.attachAlternative(html, HTML));
        return Optional.of(builder.build());
    }

    @Override
    public int send(EmailMessage message, SendOptions options) {
        return count(List.of(message), options);
    }

    @Override
    public EmailBackend connection(SendOptions options) {
        return registry.alias(alias).connect(ConnectionOptions.of(options));
    }

    @Override
    public List<Receipt> deliver(List<EmailMessage> messages, SendOptions options) {
        List<EmailMessage> batch = List.copyOf(messages);
        if (options.connection().isPresent()) {
            return options.connection().get().deliver(batch);
        }
        try (EmailBackend connection = connection(options)) {
            return connection.deliver(batch);
        }
    }

    private int count(List<EmailMessage> messages, SendOptions options) {
        if (options.connection().isPresent()) {
            return options.connection().get().sendMessages(messages);
        }
        try (EmailBackend connection = connection(options)) {
            return connection.sendMessages(messages);
        }
    }

    private AliasSettings settings() {
        return registry.alias(alias).settings();
    }

    @Override
    public AsyncMailer async() {
        AsyncMailer known = async;
        if (known == null) {
            known = new BackgroundMailer(new BackgroundMailer.Alias() {
                @Override
                public String name() {
                    return alias;
                }

                @Override
                public EmailMessage mail(String subject, String body, String from, List<String> to,
                        SendOptions options) {
                    return AliasMailer.mail(subject, body, from, to, options);
                }

                @Override
                public Optional<EmailMessage> staffMail(boolean admins, String subject, String body,
                        SendOptions options) {
                    AliasSettings settings = settings();
                    return AliasMailer.this.staffMail(admins ? settings.admins() : settings.managers(), subject, body,
                            options);
                }

                @Override
                public List<Receipt> deliver(List<EmailMessage> messages, SendOptions options) {
                    return AliasMailer.this.deliver(messages, options);
                }

                @Override
                public AfterCommit afterCommit() {
                    return registry.alias(alias).afterCommit();
                }
            }, registry.async());
            async = known;
        }
        return known;
    }

    @Override
    public String toString() {
        return "Mailer[" + alias + "]";
    }
}

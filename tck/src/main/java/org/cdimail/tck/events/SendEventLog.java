package org.cdimail.tck.events;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.cdimail.EmailMessage;
import org.cdimail.event.AfterSend;
import org.cdimail.event.BeforeSend;
import org.cdimail.event.SendFailed;

/**
 * The TCK's observer of every sending event, synchronous and asynchronous: records what it saw,
 * and decides by the message's subject. A subject starting with {@value #VETO} is vetoed with
 * {@value #VETO_REASON}; one starting with {@value #REPLACE} is replaced by a copy with the header
 * {@value #REPLACED_HEADER}; one starting with {@value #REROUTE} by a copy sent to
 * {@value #REROUTED} only. The asynchronous observer tries to veto a message whose subject starts
 * with {@value #ASYNC_VETO}, and records what that did.
 *
 * <p>Tests find what was recorded by a part of the subject, so that each test sees only its own
 * messages even when an asynchronous event of an earlier test arrives late.
 */
@ApplicationScoped
public class SendEventLog {

    /** The subject prefix of messages the synchronous observer vetoes. */
    public static final String VETO = "Veto ";
    /** The reason of the synchronous observer's veto. */
    public static final String VETO_REASON = "vetoed by the TCK";
    /** The subject prefix of messages the synchronous observer replaces with a copy with a header. */
    public static final String REPLACE = "Replace ";
    /** The header the replacement of a {@value #REPLACE} message carries. */
    public static final String REPLACED_HEADER = "X-Tck-Replaced";
    /** The subject prefix of messages the synchronous observer sends to {@value #REROUTED} instead. */
    public static final String REROUTE = "Reroute ";
    /** The only recipient of the replacement of a {@value #REROUTE} message. */
    public static final String REROUTED = "rerouted@example.net";
    /** The subject prefix of messages the asynchronous observer tries to veto. */
    public static final String ASYNC_VETO = "Async veto ";

    /**
     * A {@link BeforeSend} as an observer saw it, before this observer changed anything.
     *
     * @param alias      the alias
     * @param subject    the message's subject
     * @param recipients the message's recipients (to, cc, bcc)
     * @param vetoed     whether the message was vetoed when the observer was told
     * @param thread     the thread the observer ran on
     */
    public record Seen(String alias, String subject, List<String> recipients, boolean vetoed, Thread thread) {

        static Seen of(BeforeSend event) {
            EmailMessage message = event.message();
            return new Seen(event.alias(), message.subject(), message.recipients(), event.vetoed(),
                    Thread.currentThread());
        }
    }

    private final List<Seen> before = new CopyOnWriteArrayList<>();
    private final List<Seen> beforeAsync = new CopyOnWriteArrayList<>();
    private final List<AfterSend> after = new CopyOnWriteArrayList<>();
    private final List<AfterSend> afterAsync = new CopyOnWriteArrayList<>();
    private final List<SendFailed> failed = new CopyOnWriteArrayList<>();
    private final List<SendFailed> failedAsync = new CopyOnWriteArrayList<>();
    private final ConcurrentMap<String, Optional<RuntimeException>> asyncDecisions = new ConcurrentHashMap<>();

    void beforeSend(@Observes BeforeSend event) {
        before.add(Seen.of(event));
        EmailMessage message = event.message();
        if (message.subject().startsWith(VETO)) {
            event.veto(VETO_REASON);
        } else if (message.subject().startsWith(REPLACE)) {
            event.replace(message.toBuilder().header(REPLACED_HEADER, "yes").build());
        } else if (message.subject().startsWith(REROUTE)) {
            event.replace(message.toBuilder().to(REROUTED).cc(List.of()).bcc(List.of()).build());
        }
    }

    void beforeSendAsync(@ObservesAsync BeforeSend event) {
        Seen seen = Seen.of(event);
        if (seen.subject().startsWith(ASYNC_VETO)) {
            RuntimeException refused = null;
            try {
                event.veto("an asynchronous observer cannot veto");
            } catch (RuntimeException e) {
                refused = e;
            }
            asyncDecisions.put(seen.subject(), Optional.ofNullable(refused));
        }
        beforeAsync.add(seen);
    }

    void afterSend(@Observes AfterSend event) {
        after.add(event);
    }

    void afterSendAsync(@ObservesAsync AfterSend event) {
        afterAsync.add(event);
    }

    void sendFailed(@Observes SendFailed event) {
        failed.add(event);
    }

    void sendFailedAsync(@ObservesAsync SendFailed event) {
        failedAsync.add(event);
    }

    /**
     * The {@link BeforeSend} events synchronous observers saw for messages whose subject contains
     * {@code subject}.
     *
     * @param subject a part of the subject
     * @return the events, oldest first
     */
    public List<Seen> beforeSend(String subject) {
        return before.stream().filter(seen -> seen.subject().contains(subject)).toList();
    }

    /**
     * The {@link BeforeSend} events asynchronous observers saw, by subject.
     *
     * @param subject a part of the subject
     * @return the events, in the order they arrived
     */
    public List<Seen> beforeSendAsync(String subject) {
        return beforeAsync.stream().filter(seen -> seen.subject().contains(subject)).toList();
    }

    /**
     * The {@link AfterSend} events synchronous observers saw, by the subject of the receipt's
     * message.
     *
     * @param subject a part of the subject
     * @return the events, oldest first
     */
    public List<AfterSend> afterSend(String subject) {
        return after.stream().filter(event -> about(event.message(), subject)).toList();
    }

    /**
     * The {@link AfterSend} events asynchronous observers saw, by subject.
     *
     * @param subject a part of the subject
     * @return the events, in the order they arrived
     */
    public List<AfterSend> afterSendAsync(String subject) {
        return afterAsync.stream().filter(event -> about(event.message(), subject)).toList();
    }

    /**
     * The {@link SendFailed} events synchronous observers saw, by subject.
     *
     * @param subject a part of the subject
     * @return the events, oldest first
     */
    public List<SendFailed> sendFailed(String subject) {
        return failed.stream().filter(event -> about(event.message(), subject)).toList();
    }

    /**
     * The {@link SendFailed} events asynchronous observers saw, by subject.
     *
     * @param subject a part of the subject
     * @return the events, in the order they arrived
     */
    public List<SendFailed> sendFailedAsync(String subject) {
        return failedAsync.stream().filter(event -> about(event.message(), subject)).toList();
    }

    /**
     * What the asynchronous observer's veto of an {@value #ASYNC_VETO} message did.
     *
     * @param subject the whole subject
     * @return empty until the observer ran; then the exception the veto threw, or empty inside if
     *         it threw none
     */
    public Optional<Optional<RuntimeException>> asyncVetoAttempt(String subject) {
        return Optional.ofNullable(asyncDecisions.get(subject));
    }

    private static boolean about(Optional<EmailMessage> message, String subject) {
        return message.map(EmailMessage::subject).filter(s -> s.contains(subject)).isPresent();
    }
}

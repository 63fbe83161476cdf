package org.cdimail.it.queueapp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;

import org.cdimail.Receipt;
import org.cdimail.event.AfterSend;
import org.cdimail.event.BeforeSend;
import org.cdimail.event.SendFailed;

/**
 * The application's observers of cdi-mail's events: {@link BeforeSend} vetoes every message to
 * {@link #VETOED_DOMAIN} and stamps the others with {@link #HEADER}; {@link AfterSend} and
 * {@link SendFailed}, synchronous and asynchronous, are counted per alias, outcome and origin (the
 * queue's workers or the caller's thread), and each synchronous one is noted with its receipt's
 * Message-ID and recipients (this is a test application: its responses may name addresses).
 */
@ApplicationScoped
public class MailObservations {

    /** The header a {@code BeforeSend} observer adds to every message. */
    public static final String HEADER = "X-Queue-It-Observed";
    /** The domain a {@code BeforeSend} observer vetoes mail to. */
    public static final String VETOED_DOMAIN = "vetoed.example";
    /** The reason of its veto. */
    public static final String VETO_REASON = "no mail to " + VETOED_DOMAIN;

    private final Map<String, Integer> counts = new TreeMap<>(); // guarded by this
    private final List<String> notes = new ArrayList<>(); // guarded by this

    void vetoOrStamp(@Observes BeforeSend send) {
        if (send.message().recipients().stream().anyMatch(r -> r.endsWith("@" + VETOED_DOMAIN))) {
            send.veto(VETO_REASON);
        } else {
            send.replace(send.message().toBuilder().header(HEADER, "before-send " + send.alias()).build());
        }
    }

    void delivered(@Observes AfterSend sent) {
        record(sent.alias() + ".after." + origin(sent.fromQueue()), "AfterSend " + sent.alias() + " "
                + origin(sent.fromQueue()) + " " + sent.receipt().messageId().orElse("no-message-id") + " "
                + recipients(sent.receipt()));
    }

    void deliveredAsync(@ObservesAsync AfterSend sent) {
        record(sent.alias() + ".async-after." + origin(sent.fromQueue()), null);
    }

    void failed(@Observes SendFailed failed) {
        String kind = failed.outcome() + "." + (failed.temporary() ? "temporary" : "permanent");
        record(failed.alias() + ".failed." + kind + "." + origin(failed.fromQueue()), "SendFailed " + failed.alias()
                + " " + kind + " " + origin(failed.fromQueue()) + " reason=" + failed.reason() + " "
                + failed.receipt().messageId().orElse("no-message-id") + " " + recipients(failed.receipt()));
    }

    void failedAsync(@ObservesAsync SendFailed failed) {
        record(failed.alias() + ".async-failed." + failed.outcome() + "." + origin(failed.fromQueue()), null);
    }

    private static String origin(boolean fromQueue) {
        return fromQueue ? "queue" : "direct";
    }

    /** {@code accepted=[a] refused=[b 550, c 451]}: a receipt's recipients and their codes. */
    static String recipients(Receipt receipt) {
        return "accepted=" + receipt.accepted() + " refused=" + receipt.refused().stream()
                .map(r -> r.recipient() + " " + (r.policy() ? "policy" : r.code().isPresent()
                        ? String.valueOf(r.code().getAsInt()) : "failure"))
                .toList();
    }

    private synchronized void record(String key, String note) {
        counts.merge(key, 1, Integer::sum);
        if (note != null) {
            notes.add(note);
        }
        notifyAll();
    }

    /**
     * Waits until a count reaches a value and a note contains a text, at most {@code timeout}.
     *
     * @param key     a count's key, {@code <alias>.after.<queue|direct>} or
     *                {@code <alias>.failed.<OUTCOME>.<temporary|permanent>.<queue|direct>}
     * @param atLeast the value awaited ({@code 0}: none)
     * @param note    a text a note must contain ({@code ""}: none)
     * @param timeout the longest wait
     * @return every count ({@code key=n} lines) and then every note, whether or not they were reached
     * @throws InterruptedException if the request's thread is interrupted
     */
    public synchronized String await(String key, int atLeast, String note, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); !seen(key, atLeast, note) && left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((k, n) -> text.append(k).append('=').append(n).append('\n'));
        notes.forEach(n -> text.append(n).append('\n'));
        return text.toString();
    }

    private boolean seen(String key, int atLeast, String note) {
        return counts.getOrDefault(key, 0) >= atLeast && (note.isEmpty() || notes.stream().anyMatch(n -> n.contains(note)));
    }
}

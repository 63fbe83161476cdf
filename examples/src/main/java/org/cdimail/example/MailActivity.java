package org.cdimail.example;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.cdimail.EmailMessage;
import org.cdimail.Receipt;
import org.cdimail.event.AfterSend;
import org.cdimail.event.SendFailed;

/**
 * What happened to the mail the application sent, from cdi-mail's events: one entry per sent
 * message ({@link AfterSend}, with its receipt) and per failure ({@link SendFailed}, with the
 * reason, whether it is temporary, and what becomes of the message). Entries hold counts, codes
 * and subjects, never addresses; the last {@value #KEPT} are kept.
 */
@ApplicationScoped
public class MailActivity {

    static final int KEPT = 1_000;

    private final List<String> entries = new CopyOnWriteArrayList<>();

    void sent(@Observes AfterSend event) {
        Receipt receipt = event.receipt();
        record("event=after-send\talias=" + event.alias() + "\tsubject=" + subject(event.message().orElse(null))
                + "\tstatus=" + receipt.status() + "\taccepted=" + receipt.accepted().size()
                + "\trefused=" + receipt.refused().size()
                + "\treply=" + (receipt.replyCode().isPresent() ? receipt.replyCode().getAsInt() : "")
                + "\tqueued=" + event.fromQueue());
    }

    void failed(@Observes SendFailed event) {
        Receipt receipt = event.receipt();
        record("event=send-failed\talias=" + event.alias() + "\tsubject=" + subject(event.message().orElse(null))
                + "\tstatus=" + receipt.status() + "\treason=" + oneLine(event.reason())
                + "\ttemporary=" + event.temporary() + "\toutcome=" + event.outcome()
                + "\tcodes=" + receipt.refused().stream().filter(r -> r.code().isPresent())
                        .map(r -> r.code().getAsInt() + r.enhancedCode().map(e -> " " + e).orElse(""))
                        .collect(Collectors.joining(";"))
                + "\tqueued=" + event.fromQueue());
    }

    /**
     * The entries, oldest first: tab-separated {@code key=value} fields, one entry per line.
     *
     * @return the entries
     */
    public List<String> entries() {
        return List.copyOf(entries);
    }

    /** Forgets every entry. */
    public void clear() {
        entries.clear();
    }

    private void record(String entry) {
        entries.add(entry);
        while (entries.size() > KEPT) {
            entries.remove(0);
        }
    }

    private static String subject(EmailMessage message) {
        return message == null ? "" : oneLine(message.subject());
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\t\\r\\n]+", " ");
    }
}

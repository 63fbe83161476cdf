package org.cdimail.impl.backend.locmem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

import org.cdimail.EmailMessage;
import org.cdimail.Outbox;

/**
 * The outbox of one alias: Django's {@code mail.outbox}. Thread-safe. Every live outbox is
 * remembered weakly so that a test extension can empty them all before each test.
 */
public final class LocmemOutbox implements Outbox {

    private static final Set<LocmemOutbox> LIVE = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private final String alias;
    private final List<EmailMessage> messages = new ArrayList<>();

    /**
     * A new, empty outbox.
     *
     * @param alias the alias it belongs to
     */
    public LocmemOutbox(String alias) {
        this.alias = alias;
        LIVE.add(this);
    }

    /** Empties every outbox of every container in this JVM, as Django's test runner does before each test. */
    public static void clearAll() {
        List<LocmemOutbox> live;
        synchronized (LIVE) {
            live = new ArrayList<>(LIVE);
        }
        live.forEach(LocmemOutbox::clear);
    }

    void add(EmailMessage message) {
        synchronized (messages) {
            messages.add(message);
        }
    }

    @Override
    public List<EmailMessage> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    @Override
    public int size() {
        synchronized (messages) {
            return messages.size();
        }
    }

    @Override
    public void clear() {
        synchronized (messages) {
            messages.clear();
        }
    }

    @Override
    public String toString() {
        return "Outbox[alias=" + alias + ", messages=" + size() + "]";
    }
}

package org.cdimail.impl.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.Dependent;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.spi.BackendType;
import org.cdimail.spi.EmailBackend;

/**
 * A custom backend named {@code recording} that records what happens to it, in static fields
 * (reset with {@link #reset()}), so that a test can count connections and messages.
 */
@BackendType("recording")
@Dependent
public class RecordingBackend implements EmailBackend {

    public static final AtomicInteger INSTANCES = new AtomicInteger();
    public static final AtomicInteger OPENS = new AtomicInteger();
    public static final List<EmailMessage> SENT = new CopyOnWriteArrayList<>();
    public static volatile boolean failing;

    private boolean open;

    public RecordingBackend() {
        INSTANCES.incrementAndGet();
    }

    public static void reset() {
        INSTANCES.set(0);
        OPENS.set(0);
        SENT.clear();
        failing = false;
    }

    @Override
    public synchronized boolean open() {
        if (open) {
            return false;
        }
        OPENS.incrementAndGet();
        open = true;
        return true;
    }

    @Override
    public synchronized void close() {
        open = false;
    }

    @Override
    public synchronized int sendMessages(List<EmailMessage> messages) {
        if (failing) {
            throw new MailException("CDIMAIL-TEST: recording backend told to fail");
        }
        boolean opened = open();
        try {
            List<EmailMessage> addressed = messages.stream().filter(m -> !m.recipients().isEmpty()).toList();
            SENT.addAll(addressed);
            return addressed.size();
        } finally {
            if (opened) {
                close();
            }
        }
    }
}

package org.cdimail.impl.pipeline;

import java.time.Duration;
import java.util.Objects;

import org.cdimail.EmailMessage;
import org.cdimail.Receipt;
import org.cdimail.event.AfterSend;
import org.cdimail.event.BeforeSend;
import org.cdimail.event.SendFailed;
import org.cdimail.impl.backend.SendEvents;

/**
 * The events of one alias: {@link BeforeSend} for each message given to it, and, as its
 * {@link SendEvents}, {@link AfterSend} and {@link SendFailed} for what was delivered (by the
 * pipeline for direct sends, by the durable queue's workers for queued ones). An event without
 * observers is not even created. Thread-safe.
 */
public final class MailEvents implements SendEvents {

    private final String alias;
    private final EventBus bus;

    /**
     * @param alias the alias
     * @param bus   the container's events
     */
    public MailEvents(String alias, EventBus bus) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.bus = Objects.requireNonNull(bus, "bus");
    }

    /** @return whether {@link #beforeSend} has observers to tell */
    boolean announces() {
        return bus.observers().any(BeforeSend.class);
    }

    /** @return whether {@link #delivered} or {@link #failed} have observers to tell */
    boolean tells() {
        return bus.observers().any(AfterSend.class) || bus.observers().any(SendFailed.class);
    }

    /**
     * Fires {@link BeforeSend} for a message: to the synchronous observers, whose exception
     * propagates; then decides it; then to the asynchronous observers.
     *
     * @param message the message about to be sent
     * @return the decided event: the message to send, or the veto
     */
    BeforeSend beforeSend(EmailMessage message) {
        BeforeSend event = new BeforeSend(alias, message);
        bus.fire(BeforeSend.class, event);
        event.decide();
        bus.fireAsync(BeforeSend.class, event);
        return event;
    }

    @Override
    public void delivered(Receipt receipt, Duration elapsed, boolean fromQueue) {
        if (bus.observers().any(AfterSend.class)) {
            bus.tell(AfterSend.class, new AfterSend(alias, receipt, fromQueue, elapsed));
        }
    }

    @Override
    public void failed(Receipt receipt, SendFailed.Outcome outcome, boolean fromQueue) {
        if (bus.observers().any(SendFailed.class)) {
            bus.tell(SendFailed.class, new SendFailed(alias, receipt, FailureReason.reason(receipt),
                    FailureReason.temporary(receipt), outcome, fromQueue));
        }
    }

    @Override
    public String toString() {
        return "MailEvents[" + alias + "]";
    }
}

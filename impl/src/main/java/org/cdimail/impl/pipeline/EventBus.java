package org.cdimail.impl.pipeline;

import static org.cdimail.impl.ImplError.ASYNC_OBSERVER_FAILED;
import static org.cdimail.impl.ImplError.OBSERVER_FAILED;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Fires cdi-mail's events through the container ({@link BeanManager#getEvent()}), one per
 * container: synchronously, where an observer's exception reaches the caller or is logged, and
 * asynchronously, where a failure is logged when the observers are done. The messages logged name
 * the exception's class and where it was thrown, never its message, which may hold addresses.
 * Thread-safe.
 */
public final class EventBus {

    private static final System.Logger LOG = System.getLogger(EventBus.class.getName());

    /** Fires nothing: outside a container, and for tests of the other stages. */
    public static final EventBus NONE = new EventBus(new Observers(), null);

    private final Observers observers;
    private final BeanManager beanManager;
    private final Map<Class<?>, Event<?>> events = new ConcurrentHashMap<>();

    /**
     * @param observers   what the application observes
     * @param beanManager the container's, to fire through
     */
    public EventBus(Observers observers, BeanManager beanManager) {
        this.observers = Objects.requireNonNull(observers, "observers");
        this.beanManager = beanManager;
    }

    /** @return what the application observes */
    Observers observers() {
        return observers;
    }

    /**
     * Notifies the synchronous observers of {@code type}, if any; their exceptions propagate.
     *
     * @param <T>   the event type
     * @param type  one of cdi-mail's event classes
     * @param event the event
     */
    <T> void fire(Class<T> type, T event) {
        if (observers.sync(type)) {
            event(type).fire(event);
        }
    }

    /**
     * Notifies the asynchronous observers of {@code type}, if any, and returns at once; a failure
     * is logged.
     *
     * @param <T>   the event type
     * @param type  one of cdi-mail's event classes
     * @param event the event
     */
    <T> void fireAsync(Class<T> type, T event) {
        if (observers.async(type)) {
            event(type).fireAsync(event).whenComplete((done, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    LOG.log(System.Logger.Level.WARNING, ASYNC_OBSERVER_FAILED.message("an @ObservesAsync observer of "
                            + type.getSimpleName() + " threw " + described(cause)));
                }
            });
        }
    }

    /**
     * Notifies the synchronous observers, then the asynchronous ones; an exception of a
     * synchronous observer is logged and does not stop the asynchronous ones or the caller.
     *
     * @param <T>   the event type
     * @param type  one of cdi-mail's event classes
     * @param event the event
     */
    <T> void tell(Class<T> type, T event) {
        try {
            fire(type, event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, OBSERVER_FAILED.message("an observer of " + type.getSimpleName()
                    + " threw " + described(e) + "; the send it tells of is not affected"));
        }
        fireAsync(type, event);
    }

    @SuppressWarnings("unchecked")
    private <T> Event<T> event(Class<T> type) {
        return (Event<T>) events.computeIfAbsent(type, t -> beanManager.getEvent().select(t));
    }

    /** The exception's class and the frame that threw it: no message, which may hold an address. */
    static String described(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return e.getClass().getName() + (trace.length == 0 ? "" : " at " + trace[0]);
    }

    @Override
    public String toString() {
        return "EventBus[" + observers + "]";
    }
}

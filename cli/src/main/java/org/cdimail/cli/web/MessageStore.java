package org.cdimail.cli.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The messages the viewer shows, oldest first internally, newest first to readers. Thread-safe.
 *
 * <p>The store keeps at most {@code capacity} messages: adding one more drops the oldest. Each
 * change is announced to the subscribers, on the thread that made it, after the change; a
 * subscriber must return quickly (the event stream only queues the event).
 */
final class MessageStore {

    /** What changed. */
    enum Change {
        /** A message was added. */
        ADDED,
        /** A message was deleted, or dropped to keep the store within its capacity. */
        DELETED,
        /** Every message was deleted. */
        CLEARED
    }

    /**
     * One change of the store.
     *
     * @param change what changed
     * @param id     the message concerned; 0 for {@link Change#CLEARED}
     */
    record Event(Change change, long id) {
    }

    private final int capacity;
    private final Map<Long, StoredMessage> messages = new LinkedHashMap<>();
    private final List<Consumer<Event>> subscribers = new CopyOnWriteArrayList<>();

    /**
     * An empty store.
     *
     * @param capacity the most messages it keeps, at least 1
     * @throws IllegalArgumentException if the capacity is less than 1
     */
    MessageStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /**
     * The most messages this store keeps.
     *
     * @return the capacity
     */
    int capacity() {
        return capacity;
    }

    /**
     * Adds a message, dropping the oldest ones beyond the capacity.
     *
     * @param message the message; its id must be new to this store
     */
    void add(StoredMessage message) {
        List<Event> events = new ArrayList<>();
        synchronized (this) {
            messages.put(message.id(), message);
            Iterator<Long> oldest = messages.keySet().iterator();
            while (messages.size() > capacity) {
                long dropped = oldest.next();
                oldest.remove();
                events.add(new Event(Change.DELETED, dropped));
            }
        }
        events.add(new Event(Change.ADDED, message.id()));
        events.forEach(this::publish);
    }

    /**
     * One message.
     *
     * @param id its id
     * @return the message, or empty if there is none with this id (never received, or deleted)
     */
    synchronized Optional<StoredMessage> find(long id) {
        return Optional.ofNullable(messages.get(id));
    }

    /**
     * Every message, newest first.
     *
     * @return an immutable snapshot
     */
    synchronized List<StoredMessage> newestFirst() {
        List<StoredMessage> list = new ArrayList<>(messages.values());
        Collections.reverse(list);
        return List.copyOf(list);
    }

    /**
     * Deletes one message. A file saved by {@code --save} stays on disk.
     *
     * @param id its id
     * @return whether there was such a message
     */
    boolean delete(long id) {
        boolean removed;
        synchronized (this) {
            removed = messages.remove(id) != null;
        }
        if (removed) {
            publish(new Event(Change.DELETED, id));
        }
        return removed;
    }

    /**
     * Deletes every message. Files saved by {@code --save} stay on disk.
     *
     * @return how many there were
     */
    int deleteAll() {
        int count;
        synchronized (this) {
            count = messages.size();
            messages.clear();
        }
        publish(new Event(Change.CLEARED, 0));
        return count;
    }

    /**
     * Announces every later change to a subscriber, until it unsubscribes.
     *
     * @param subscriber receives each event; must not block
     */
    void subscribe(Consumer<Event> subscriber) {
        subscribers.add(subscriber);
    }

    /**
     * Stops announcing changes to a subscriber.
     *
     * @param subscriber a subscriber given to {@link #subscribe}
     */
    void unsubscribe(Consumer<Event> subscriber) {
        subscribers.remove(subscriber);
    }

    private void publish(Event event) {
        for (Consumer<Event> subscriber : subscribers) {
            subscriber.accept(event);
        }
    }
}

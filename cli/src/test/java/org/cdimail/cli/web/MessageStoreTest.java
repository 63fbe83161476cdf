package org.cdimail.cli.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.cdimail.cli.web.MessageStore.Change;
import org.cdimail.cli.web.MessageStore.Event;
import org.junit.jupiter.api.Test;

class MessageStoreTest {

    @Test
    void keepsAtMostItsCapacityDroppingTheOldestAndSaysSo() {
        MessageStore store = new MessageStore(3);
        List<Event> events = new ArrayList<>();
        store.subscribe(events::add);

        for (long id = 1; id <= 4; id++) {
            store.add(message(id));
        }

        assertThat(store.newestFirst()).extracting(StoredMessage::id).containsExactly(4L, 3L, 2L);
        assertThat(store.find(1)).isEmpty();
        assertThat(events).containsExactly(new Event(Change.ADDED, 1), new Event(Change.ADDED, 2),
                new Event(Change.ADDED, 3), new Event(Change.DELETED, 1), new Event(Change.ADDED, 4));
    }

    @Test
    void deletesOneOrAllAndTellsOnlyCurrentSubscribers() {
        MessageStore store = new MessageStore(10);
        store.add(message(1));
        store.add(message(2));
        List<Event> events = new ArrayList<>();
        Consumer<Event> subscriber = events::add;
        store.subscribe(subscriber);

        assertThat(store.delete(1)).isTrue();
        assertThat(store.delete(1)).isFalse();
        assertThat(store.deleteAll()).isEqualTo(1);
        store.unsubscribe(subscriber);
        store.add(message(3));

        assertThat(store.newestFirst()).extracting(StoredMessage::id).containsExactly(3L);
        assertThat(events).containsExactly(new Event(Change.DELETED, 1), new Event(Change.CLEARED, 0));
    }

    @Test
    void refusesACapacityBelowOne() {
        assertThatThrownBy(() -> new MessageStore(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static StoredMessage message(long id) {
        MessageSummary summary = new MessageSummary(List.of(), List.of(), List.of(), "Message " + id, 0);
        byte[] raw = ("Subject: Message " + id + "\r\n\r\nBody\r\n").getBytes(StandardCharsets.US_ASCII);
        return new StoredMessage(id, Instant.now(), "a@example.com", List.of("b@example.com"), summary, raw.length,
                new RawSource.InMemory(raw));
    }
}

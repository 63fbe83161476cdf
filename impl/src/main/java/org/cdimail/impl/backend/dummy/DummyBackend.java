package org.cdimail.impl.backend.dummy;

import java.util.List;

import org.cdimail.EmailMessage;
import org.cdimail.spi.EmailBackend;

/**
 * {@code dummy}: sends nothing and counts what it would have sent (messages with at least one
 * recipient). Stateless, so thread-safe.
 */
public final class DummyBackend implements EmailBackend {


    @Override
    public int sendMessages(List<EmailMessage> messages) {
        return (int) messages.stream().filter(m -> !m.recipients().isEmpty()).count();
    }

    @Override
    public String toString() {
        return "DummyBackend";
    }
}

package org.cdimail.impl.backend.locmem;

import java.util.List;
import java.util.Objects;

import org.cdimail.EmailMessage;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.spi.EmailBackend;

/**
 * {@code locmem}: keeps sent messages in its alias's {@link LocmemOutbox}, for tests. Each message
 * is rendered first, with its envelope, so a message that SMTP would refuse is refused here too.
 * Needs no connection: {@link #open()} returns {@code false} and {@link #close()} does nothing.
 * Thread-safe.
 */
public final class LocmemBackend implements EmailBackend {

    private final LocmemOutbox outbox;
    private final MimeRenderer renderer;

    /**
     * A connection that appends to {@code outbox}.
     *
     * @param outbox   the alias's outbox
     * @param renderer the alias's renderer
     */
    public LocmemBackend(LocmemOutbox outbox, MimeRenderer renderer) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    @Override
    public int sendMessages(List<EmailMessage> messages) {
        int sent = 0;
        for (EmailMessage message : messages) {
            if (message.recipients().isEmpty()) {
                continue;
            }
            renderer.render(message, null);
            renderer.envelope(message);
            outbox.add(withSender(message));
            sent++;
        }
        return sent;
    }

    /**
     * The message as delivered: with the alias's default sender when it had none, as Django's
     * outbox shows {@code DEFAULT_FROM_EMAIL}, so a test can assert the sender an alias uses.
     */
    private EmailMessage withSender(EmailMessage message) {
        if (message.from().isPresent()) {
            return message;
        }
        return message.toBuilder().from(renderer.settings().defaultFrom()).build();
    }

    @Override
    public String toString() {
        return "LocmemBackend[" + outbox + "]";
    }
}

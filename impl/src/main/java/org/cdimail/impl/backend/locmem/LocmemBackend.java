package org.cdimail.impl.backend.locmem;

import java.util.List;
import java.util.Objects;

import org.cdimail.EmailMessage;
import org.cdimail.Receipt;
import org.cdimail.impl.backend.LocalDelivery;
import org.cdimail.impl.backend.RenderedIds;
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
    public List<Receipt> deliver(List<EmailMessage> messages) {
        return LocalDelivery.each(messages, renderer, false, (message, envelope) -> {
            String messageId = RenderedIds.of(renderer.render(message, null));
            outbox.add(asDelivered(message, messageId));
            return messageId;
        });
    }

    /**
     * The message as delivered: with the alias's default sender when it had none, as Django's
     * outbox shows {@code DEFAULT_FROM_EMAIL}, so a test can assert the sender an alias uses; and
     * with the {@code Message-ID} it was rendered with, so that its receipt and the outbox agree.
     */
    private EmailMessage asDelivered(EmailMessage message, String messageId) {
        boolean hasId = message.headers().keySet().stream().anyMatch("Message-ID"::equalsIgnoreCase);
        if (message.from().isPresent() && (hasId || messageId == null)) {
            return message;
        }
        EmailMessage.Builder delivered = message.toBuilder();
        if (message.from().isEmpty()) {
            delivered.from(renderer.settings().defaultFrom());
        }
        if (!hasId && messageId != null) {
            delivered.header("Message-ID", messageId);
        }
        return delivered.build();
    }

    @Override
    public String toString() {
        return "LocmemBackend[" + outbox + "]";
    }
}

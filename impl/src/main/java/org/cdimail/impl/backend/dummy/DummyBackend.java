package org.cdimail.impl.backend.dummy;

import java.util.List;
import java.util.Objects;

import org.cdimail.EmailMessage;
import org.cdimail.Receipt;
import org.cdimail.impl.backend.LocalDelivery;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.spi.EmailBackend;

/**
 * {@code dummy}: sends nothing and counts what it would have sent (messages with at least one
 * recipient). Only the envelope is computed (so an invalid address is refused as by every
 * backend): receipts list its recipients as accepted, with no Message-ID, since nothing is
 * rendered. Stateless, so thread-safe.
 */
public final class DummyBackend implements EmailBackend {

    private final MimeRenderer renderer;

    /**
     * A backend that checks envelopes with {@code renderer}.
     *
     * @param renderer the alias's renderer
     */
    public DummyBackend(MimeRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    @Override
    public List<Receipt> deliver(List<EmailMessage> messages) {
        return LocalDelivery.each(messages, renderer, false, (message, envelope) -> null);
    }

    @Override
    public String toString() {
        return "DummyBackend";
    }
}

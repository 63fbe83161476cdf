package org.cdimail.impl.backend;

import java.util.List;

import org.cdimail.Receipt;

/**
 * A connection that can deliver messages rendered earlier, byte for byte: what a queue worker
 * needs, since the queue holds rendered bytes and envelopes, not {@link org.cdimail.EmailMessage}s.
 * Implemented by the {@code smtp} backend's connections.
 */
public interface RenderedDelivery {

    /**
     * Delivers the messages, in order, as {@link org.cdimail.spi.EmailBackend#deliver(List)} does,
     * with one receipt per message, in order ({@link Receipt#message()} empty). A connection
     * created with fail-silently returns the receipts of failures instead of throwing them.
     *
     * @param messages the rendered messages, each with at least one recipient
     * @return one receipt per message
     * @throws org.cdimail.MailDeliveryException without fail-silently, as {@code deliver}
     */
    List<Receipt> deliverRendered(List<RenderedMail> messages);
}

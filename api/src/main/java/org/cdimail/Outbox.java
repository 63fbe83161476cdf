package org.cdimail;

import java.util.List;

/**
 * The in-memory outbox of a {@code locmem} alias: Django's {@code mail.outbox}, for tests.
 *
 * <pre>{@code
 * @Inject Outbox outbox;                      // the default alias
 * @Inject @Backend("marketing") Outbox other; // another alias
 *
 * mailer.sendMail("Hi", "Body", null, List.of("ada@example.com"));
 * assertEquals("Hi", outbox.messages().get(0).subject());
 * }</pre>
 *
 * <p>Each alias has its own outbox. The backend stores what it sent (messages are immutable),
 * after rendering each one, so a message that SMTP would refuse is refused here too. A message
 * sent without a sender is stored with the alias's default sender ({@code mail.default-from}), as
 * it was delivered; Django's outbox shows {@code DEFAULT_FROM_EMAIL} the same way. It also
 * carries, as a {@code Message-ID} header, the Message-ID it was rendered with (the one its
 * {@link Receipt} reports), unless it had one of its own.
 * Implementations <em>must</em> be thread-safe.
 */
public interface Outbox {

    /**
     * The messages sent so far, oldest first.
     *
     * @return an immutable snapshot
     */
    List<EmailMessage> messages();

    /**
     * How many messages were sent so far.
     *
     * @return the count
     */
    default int size() {
        return messages().size();
    }

    /**
     * The messages whose {@linkplain EmailMessage#recipients() recipients} include
     * {@code address} (compared without case).
     *
     * @param address the address
     * @return an immutable list, oldest first
     */
    default List<EmailMessage> sentTo(String address) {
        return messages().stream()
                .filter(m -> m.recipients().stream().anyMatch(r -> r.equalsIgnoreCase(address)
                        || r.toLowerCase(java.util.Locale.ROOT).endsWith("<" + address.toLowerCase(java.util.Locale.ROOT) + ">")))
                .toList();
    }

    /** Empties the outbox. */
    void clear();
}

package org.cdimail.impl.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.event.BeforeSend;
import org.cdimail.event.SendFailed;
import org.cdimail.spi.EmailBackend;

/**
 * The stages every message given to an alias goes through, whatever the path (the
 * {@code Mailer}'s methods, an injected connection, the command line) and the backend:
 * {@link BeforeSend} (observers veto or replace), recipient governance ({@link RecipientPolicy}),
 * delivery through the alias's connection (or, for a queued alias, the enqueue), the receipts in
 * the caller's order ({@link BatchPlan}), and {@code AfterSend} / {@code SendFailed}
 * ({@link MailEvents}). An alias with no observers of these events and no governance keys gets
 * its connections unwrapped: it pays nothing. Immutable and thread-safe.
 */
public final class SendPipeline {

    private final MailEvents events;
    private final RecipientPolicy policy;
    private final boolean queued;

    /**
     * @param events the alias's events
     * @param policy the alias's recipient governance
     * @param queued whether the alias's connections enqueue (then {@code AfterSend} is told by the
     *               queue's workers, not at enqueue)
     */
    public SendPipeline(MailEvents events, RecipientPolicy policy, boolean queued) {
        this.events = Objects.requireNonNull(events, "events");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.queued = queued;
    }

    /** @return whether a connection of the alias needs the pipeline at all */
    public boolean active() {
        return policy.active() || events.announces() || events.tells();
    }

    /**
     * A connection of the alias, through the pipeline.
     *
     * @param connection   the backend's connection (fail-silently already applied)
     * @param failSilently whether the connection was obtained with fail-silently
     * @return {@code connection} itself when the pipeline has nothing to do, else a wrapper
     */
    public EmailBackend wrap(EmailBackend connection, boolean failSilently) {
        return active() ? new PipelineConnection(connection, this, failSilently) : connection;
    }

    /**
     * Fires {@code BeforeSend} and applies governance to each message of a batch.
     *
     * @param batch        the caller's messages
     * @param failSilently whether a governance failure is recorded in the receipt instead of thrown
     * @return the plan
     * @throws RuntimeException           what a synchronous {@code BeforeSend} observer threw
     * @throws MailDeliveryException if a message has a recipient outside {@code allowed-recipients}
     *                                    with {@code disallowed-recipients=fail}, without fail-silently
     */
    BatchPlan plan(List<EmailMessage> batch, boolean failSilently) {
        BatchPlan plan = new BatchPlan(batch);
        boolean announce = events.announces();
        for (int i = 0; i < batch.size(); i++) {
            EmailMessage message = batch.get(i);
            if (announce) {
                BeforeSend event = events.beforeSend(message);
                message = event.message();
                if (event.vetoed()) {
                    plan.decide(i, BatchPlan.vetoed(i, message, event.vetoReason().orElseThrow()));
                    continue;
                }
            }
            if (!policy.active()) {
                plan.deliver(i, message, List.of());
                continue;
            }
            RecipientPolicy.Governed governed = policy.apply(message);
            if (governed.refused().isEmpty()) {
                plan.deliver(i, governed.message(), List.of());
            } else if (policy.failsOnDisallowed()) {
                Receipt receipt = BatchPlan.governed(i, governed.message(), governed.refused(),
                        governed.message().recipients(), policy.notAllowedFailure());
                if (!failSilently) {
                    throw plan.stopped(i, receipt, policy.notAllowedFailure());
                }
                plan.decide(i, receipt);
            } else if (governed.message().recipients().isEmpty()) {
                plan.decide(i, BatchPlan.governed(i, governed.message(), governed.refused(), List.of(),
                        BatchPlan.noneAllowed()));
            } else {
                plan.deliver(i, governed.message(), governed.refused());
            }
        }
        return plan;
    }

    /**
     * Gives the plan's messages to the connection and tells the observers what became of them.
     *
     * @param plan       the plan
     * @param connection the backend's connection
     * @return one receipt per message of the caller's batch
     * @throws MailException what the connection threw, once the observers were told; a
     *                       {@link MailDeliveryException} carries the caller's receipts
     */
    List<Receipt> deliver(BatchPlan plan, EmailBackend connection) {
        List<EmailMessage> given = plan.delivered();
        long start = System.nanoTime();
        List<Receipt> receipts;
        try {
            receipts = plan.merge(given.isEmpty() ? List.of() : connection.deliver(given));
        } catch (MailDeliveryException e) {
            receipts = e.receipts().isEmpty() ? plan.notSent(e) : plan.merge(e.receipts());
            tell(receipts, start);
            if (plan.unchanged() && !e.receipts().isEmpty()) {
                throw e;
            }
            throw new MailDeliveryException(e.getMessage(), receipts, e);
        } catch (MailException e) {
            tell(plan.notSent(e), start);
            throw e;
        }
        tell(receipts, start);
        return receipts;
    }

    /** AfterSend per message sent (not at enqueue), SendFailed per message a server or a failure kept from someone. */
    private void tell(List<Receipt> receipts, long start) {
        if (!events.tells()) {
            return;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        for (Receipt receipt : receipts) {
            if (!queued && receipt.sent()) {
                events.delivered(receipt, elapsed, false);
            }
            if (FailureReason.failed(receipt)) {
                events.failed(receipt, SendFailed.Outcome.REPORTED, false);
            }
        }
    }

    @Override
    public String toString() {
        return "SendPipeline[" + events + ", " + policy + (queued ? ", queued" : "") + "]";
    }
}

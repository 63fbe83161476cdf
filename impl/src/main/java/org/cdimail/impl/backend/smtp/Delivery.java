package org.cdimail.impl.backend.smtp;

import static org.cdimail.impl.ImplError.BATCH_STOPPED;
import static org.cdimail.impl.ImplError.MESSAGE_NOT_SENT;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;

import org.cdimail.EmailMessage;
import org.cdimail.MailDeliveryException;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.Refusal;
import org.cdimail.impl.mime.Envelope;
import org.cdimail.impl.mime.MimeRenderer;

/**
 * One {@code deliver} call: its messages go out over one connection, or over several pooled
 * connections at once. Each message is taken by exactly one connection and gets exactly one
 * {@link Receipt}; the receipts, and the failure reported at the end, describe the whole batch.
 * Without fail-silently the first failure stops every connection from taking more messages (those
 * never taken are {@link Receipt.Status#NOT_ATTEMPTED}); with it, failed messages are skipped, and
 * only a connection that cannot be opened stops the batch. An {@link Error} on any thread stops
 * the batch and is thrown to the caller, whatever fail-silently says.
 */
final class Delivery {

    /**
     * A message with its envelope, checked before any connection is made.
     *
     * @param index the message's position in the batch given to the backend
     */
    record Prepared(int index, EmailMessage message, Envelope envelope) {
    }

    private final List<EmailMessage> batch;
    private final List<Prepared> messages;
    private final MimeRenderer renderer;
    private final boolean failSilently;
    private final String alias;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicReferenceArray<Receipt> receipts;
    private final Prepared[] byIndex;
    private volatile boolean stopped;
    /** The first failure: a MessagingException (refused, connection lost), a RuntimeException or an Error. */
    private Throwable failure;

    /**
     * @param batch    every message given to the backend, in order
     * @param messages those with recipients, prepared, in order
     */
    Delivery(List<EmailMessage> batch, List<Prepared> messages, MimeRenderer renderer, boolean failSilently,
            String alias) {
        this.batch = List.copyOf(batch);
        this.messages = List.copyOf(messages);
        this.renderer = renderer;
        this.failSilently = failSilently;
        this.alias = alias;
        this.receipts = new AtomicReferenceArray<>(batch.size());
        this.byIndex = new Prepared[batch.size()];
        messages.forEach(p -> byIndex[p.index()] = p);
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).recipients().isEmpty()) {
                receipts.set(i, Receipt.builder(i, batch.get(i)).failure("no recipients").build());
            }
        }
    }

    /**
     * Sends the messages not yet taken over {@code connection}, on the calling thread. Each send
     * may begin the next message's transaction with its final dot (pipelining); that message is
     * sent next, or abandoned when the delivery has stopped.
     */
    void runOn(SmtpConnection connection) {
        Prepared prepared = take();
        while (prepared != null) {
            send(connection, prepared);
            Prepared begun = connection.begun();
            if (begun != null && stopped) {
                connection.abandon(); // taken but never sent: the delivery failed before it
                begun = null;
            }
            prepared = begun != null ? begun : take();
        }
    }

    /** The next message no connection has taken, or {@code null} when none is left or the delivery stopped. */
    private Prepared take() {
        if (stopped) {
            return null;
        }
        int index = next.getAndIncrement();
        return index < messages.size() ? messages.get(index) : null;
    }

    private void send(SmtpConnection connection, Prepared prepared) {
        try {
            TransactionOutcome outcome = connection.send(prepared, this::take, renderer);
            record(prepared, outcome, connection.messageId(), null);
        } catch (TransactionRefusedException e) {
            record(prepared, e.outcome(), connection.messageId(), e.getMessage());
            failed(e);
        } catch (ConnectionLostException e) {
            record(prepared, lost(prepared, e), connection.messageId(), e.getMessage());
            failed(e);
        } catch (MessagingException e) {
            String why = SmtpFailures.describeFailure(alias, e);
            record(prepared, refusedAll(prepared, 0, true, "not sent"), connection.messageId(), why);
            failed(e);
        } catch (MailException e) {
            record(prepared, refusedAll(prepared, 0, true, "no connection"), null, e.getMessage());
            fail(e); // no connection: nothing more can be sent, whatever fail-silently says
        } catch (RuntimeException e) {
            record(prepared, refusedAll(prepared, 0, false, "not sent"), connection.messageId(),
                    MESSAGE_NOT_SENT.message("the message could not be sent: " + e.getClass().getSimpleName()));
            fail(e);
        }
    }

    private void failed(MessagingException e) {
        if (!failSilently) {
            fail(e);
        }
    }

    /**
     * A lost connection: the recipients refused by reply keep their reply; every other one is
     * refused with the failure, temporarily unless the server may have the message.
     */
    private static TransactionOutcome lost(Prepared prepared, ConnectionLostException e) {
        List<Refusal> refusals = new ArrayList<>(e.refusedByReply());
        String reason = e.contentSent() ? "connection lost after the message was sent; the server may have it"
                : "connection lost";
        for (InternetAddress recipient : prepared.envelope().recipients()) {
            if (refusals.stream().noneMatch(r -> r.recipient().equals(recipient.getAddress()))) {
                // A message the server may have is not worth retrying: that could deliver it twice.
                refusals.add(Refusal.byFailure(recipient.getAddress(), 0, !e.contentSent(), reason));
            }
        }
        return new TransactionOutcome(List.of(), refusals, 0, null);
    }

    private static TransactionOutcome refusedAll(Prepared prepared, int code, boolean temporary, String reason) {
        List<Refusal> refusals = prepared.envelope().recipients().stream()
                .map(r -> Refusal.byFailure(r.getAddress(), code, temporary, reason)).toList();
        return new TransactionOutcome(List.of(), refusals, 0, null);
    }

    private void record(Prepared prepared, TransactionOutcome outcome, String messageId, String failure) {
        Receipt.Builder receipt = Receipt.builder(prepared.index(), prepared.message()).messageId(messageId)
                .accepted(outcome.accepted()).replyCode(outcome.replyCode()).queueId(outcome.queueId())
                .failure(failure);
        outcome.refused().forEach(receipt::refused);
        if (!outcome.accepted().isEmpty()) {
            receipt.sentAt(Instant.now());
        }
        receipts.set(prepared.index(), receipt.build());
    }

    /**
     * Spreads the messages over up to {@code max-connections} pooled connections: the calling
     * thread uses one, helper threads the others that are free now.
     */
    void runPooled(SmtpPool pool) {
        SmtpConnection first;
        try {
            first = pool.lease();
        } catch (MailException e) {
            fail(e);
            return;
        }
        List<Future<?>> helpers = new ArrayList<>();
        int wanted = Math.min(pool.maxConnections(), messages.size()) - 1;
        for (int i = 0; i < wanted; i++) {
            SmtpConnection extra = pool.tryLease();
            if (extra == null) {
                break;
            }
            try {
                helpers.add(pool.helpers().submit(() -> runLeased(pool, extra)));
            } catch (RejectedExecutionException e) {
                pool.release(extra);
                break;
            }
        }
        try {
            runLeased(pool, first);
        } finally {
            awaitAll(helpers);
        }
    }

    private void runLeased(SmtpPool pool, SmtpConnection connection) {
        try {
            runOn(connection);
        } catch (Error e) {
            fail(e); // stops the other connections; thrown by outcome()
            throw e;
        } finally {
            pool.release(connection);
        }
    }

    /** Waits for every helper, even when interrupted: the receipts must include all they sent. */
    private void awaitAll(List<Future<?>> helpers) {
        boolean interrupted = false;
        for (Future<?> helper : helpers) {
            while (true) {
                try {
                    helper.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    fail(e.getCause()); // an Error: runOn catches every exception
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The receipts of the batch, one per message, once every connection is done.
     *
     * @throws MailDeliveryException without fail-silently, for the first delivery failure, with the receipts
     * @throws RuntimeException      whatever rendering raised (an unreadable attachment, say), always
     * @throws Error                 an error on any thread of the delivery, always
     */
    List<Receipt> outcome() {
        Throwable first;
        synchronized (this) {
            first = failure;
        }
        if (first instanceof Error e) {
            throw e;
        }
        List<Receipt> all = receipts(first);
        if (first instanceof MessagingException e) {
            if (!failSilently) {
                throw new MailDeliveryException(SmtpFailures.describeFailure(alias, e), all,
                        SmtpFailures.lowLevelCause(e));
            }
        } else if (first instanceof MailException e) {
            if (!failSilently) {
                throw new MailDeliveryException(e.getMessage(), all, e);
            }
        } else if (first instanceof RuntimeException e) {
            throw e;
        }
        return all;
    }

    private List<Receipt> receipts(Throwable first) {
        String reason = first == null ? "not attempted" :
                BATCH_STOPPED.message("not attempted: the batch stopped at a failure");
        List<Receipt> all = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Receipt receipt = receipts.get(i);
            if (receipt == null) {
                EmailMessage message = batch.get(i);
                receipt = Receipt.notAttempted(i, message, envelopeOf(i, message), reason);
            }
            all.add(receipt);
        }
        return all;
    }

    private List<String> envelopeOf(int index, EmailMessage message) {
        Prepared prepared = byIndex[index];
        return prepared == null ? message.recipients()
                : prepared.envelope().recipients().stream().map(InternetAddress::getAddress).toList();
    }

    private synchronized void fail(Throwable e) {
        stopped = true;
        if (failure == null || (e instanceof Error && !(failure instanceof Error))) {
            failure = e;
        }
    }
}

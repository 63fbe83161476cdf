package org.cdimail.impl.backend.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.impl.mime.Envelope;
import org.cdimail.impl.mime.MimeRenderer;

/**
 * One {@code sendMessages} call: its messages go out over one connection, or over several pooled
 * connections at once. Each message is taken by exactly one connection; the count and the failure
 * reported at the end describe the whole batch. Without fail-silently the first failure stops
 * every connection from taking more messages; with it, failed messages are skipped, and only a
 * connection that cannot be opened stops the batch.
 */
final class Delivery {

    /** A message with its envelope, checked before any connection is made. */
    record Prepared(EmailMessage message, Envelope envelope) {
    }

    private final List<Prepared> messages;
    private final MimeRenderer renderer;
    private final boolean failSilently;
    private final String alias;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private volatile boolean stopped;
    /** The first failure: a MessagingException (refused, connection lost) or a RuntimeException. */
    private Exception failure;

    Delivery(List<Prepared> messages, MimeRenderer renderer, boolean failSilently, String alias) {
        this.messages = List.copyOf(messages);
        this.renderer = renderer;
        this.failSilently = failSilently;
        this.alias = alias;
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
            connection.send(prepared, this::take, renderer);
            sent.incrementAndGet();
        } catch (MessagingException e) {
            if (failSilently) {
                if (reachedSomeone(e)) {
                    sent.incrementAndGet();
                }
            } else {
                fail(e);
            }
        } catch (MailException e) {
            fail(e); // no connection: nothing more can be sent, whatever fail-silently says
        } catch (RuntimeException e) {
            fail(e);
        }
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
        runLeased(pool, first);
        awaitAll(helpers);
    }

    private void runLeased(SmtpPool pool, SmtpConnection connection) {
        try {
            runOn(connection);
        } finally {
            pool.release(connection);
        }
    }

    /** Waits for every helper, even when interrupted: the count must include all they sent. */
    private static void awaitAll(List<Future<?>> helpers) {
        boolean interrupted = false;
        for (Future<?> helper : helpers) {
            while (true) {
                try {
                    helper.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    break; // runOn catches everything; nothing to report here
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The number of messages sent, once every connection is done.
     *
     * @throws MailException     without fail-silently, for the first delivery failure
     * @throws RuntimeException  whatever rendering raised (an unreadable attachment, say), always
     */
    int outcome() {
        Exception first;
        synchronized (this) {
            first = failure;
        }
        if (first instanceof MessagingException e) {
            if (!failSilently) {
                throw SmtpFailures.sendFailed(alias, e, sent.get());
            }
        } else if (first instanceof MailException e) {
            if (!failSilently) {
                throw e;
            }
        } else if (first instanceof RuntimeException e) {
            throw e;
        }
        return sent.get();
    }

    private synchronized void fail(Exception e) {
        stopped = true;
        if (failure == null) {
            failure = e;
        }
    }

    /** Whether the server accepted the message for some of its recipients. */
    private static boolean reachedSomeone(MessagingException e) {
        return e instanceof SendFailedException refused && refused.getValidSentAddresses() != null
                && refused.getValidSentAddresses().length > 0;
    }
}

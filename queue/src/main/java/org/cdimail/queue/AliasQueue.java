package org.cdimail.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.Receipt;
import org.cdimail.impl.backend.AliasContext;
import org.cdimail.impl.backend.ConnectionOptions;
import org.cdimail.impl.backend.RenderedDelivery;
import org.cdimail.spi.BackendFactory;
import org.cdimail.impl.backend.Stage;
import org.cdimail.spi.EmailBackend;

/**
 * The queue of one alias: where its sends are enqueued, and what its workers deliver. Created
 * once per alias and container by {@link QueueProvider}; closed (its workers stopped, its broker
 * released) when the container stops. The command line reaches it through {@link #of(EmailBackend)}.
 * Thread-safe.
 */
public final class AliasQueue implements AutoCloseable {

    private final AliasContext context;
    private final QueueSettings settings;
    private final BackendFactory delivering;
    private final BrokerSource broker;
    private final Enqueuer enqueuer;
    private final List<Worker> workers = new ArrayList<>();
    private Connection producing;
    private boolean closed;

    AliasQueue(AliasContext context, QueueSettings settings, BackendFactory delivering, BrokerSource broker) {
        this.context = context;
        this.settings = settings;
        this.delivering = delivering;
        this.broker = broker;
        this.enqueuer = new Enqueuer(context.mimeRenderer(), settings.queueName());
    }

    /**
     * The queue behind a connection of a queued alias.
     *
     * @param connection a connection from {@code Mailer.connection()} or injection
     * @return its alias's queue, or empty when the alias is not queued
     */
    public static Optional<AliasQueue> of(EmailBackend connection) {
        return Stage.find(connection, QueuedBackend.class).map(QueuedBackend::queue);
    }

    /** @return the alias */
    public String alias() {
        return settings.alias();
    }

    /** @return where the queue is, for people: the embedded broker's directory or the remote broker */
    public String describe() {
        return broker.describe();
    }

    /** @return {@code queue.consumers} of the alias */
    public int consumers() {
        return settings.consumers();
    }

    /**
     * Renders and enqueues a batch in one transaction; returns once the broker has it on disk.
     *
     * @param messages the messages
     * @return one receipt per message (every recipient accepted by the queue)
     * @throws MailException if the broker fails; nothing of the batch is queued
     */
    List<Receipt> enqueue(List<EmailMessage> messages) {
        try {
            return enqueuer.enqueue(producing(), messages);
        } catch (JMSException e) {
            throw new MailException(QueueError.NOT_QUEUED.message("the messages could not be queued in " + broker.describe()
                    + ": " + e.getClass().getSimpleName()), e);
        }
    }

    private synchronized Connection producing() throws JMSException {
        if (closed) {
            throw new IllegalStateException(QueueError.QUEUE_CLOSED.message("the queue of alias '" + alias() + "' is closed"));
        }
        if (producing == null) {
            producing = broker.connectionFactory().createConnection();
            producing.start(); // the inspector's consumers (retry-dead, purge-dead) receive on it
        }
        return producing;
    }

    /**
     * Starts consumers delivering the alias's queue, each over its own connection of the alias's
     * backend; stopped by {@link Worker#close()} or when the container stops.
     *
     * @param consumers how many ({@code queue.consumers} by default)
     * @return the running worker
     * @throws MailException if the broker cannot be reached
     */
    public synchronized Worker startWorker(int consumers) {
        if (closed) {
            throw new IllegalStateException(QueueError.QUEUE_CLOSED.message("the queue of alias '" + alias() + "' is closed"));
        }
        List<EmailBackend> backends = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            EmailBackend backend = delivering.connect(context.withConnection(
                    new ConnectionOptions(true, Optional.empty(), Optional.empty())));
            if (!(backend instanceof RenderedDelivery)) {
                backend.close();
                throw new IllegalStateException(QueueError.BACKEND_NOT_QUEUEABLE.message("alias '" + alias() + "' uses backend '"
                        + context.backend() + "', which cannot deliver queued messages; use smtp"));
            }
            backends.add(backend);
        }
        try {
            Worker worker = new Worker(broker.connectionFactory().createConnection(), settings, consumers, backends);
            workers.add(worker);
            return worker;
        } catch (JMSException e) {
            backends.forEach(EmailBackend::close);
            throw new MailException(QueueError.NO_WORKER_CONNECTION.message("no worker could connect to " + broker.describe() + ": "
                    + e.getClass().getSimpleName()), e);
        }
    }

    /**
     * Messages ready, scheduled for a retry or being delivered.
     *
     * @return the count
     * @throws MailException if the broker cannot be asked
     */
    public long pending() {
        try {
            return new QueueInspector(producing(), settings).pending();
        } catch (JMSException e) {
            throw unreachable(e);
        }
    }

    /**
     * The dead letters, one line each: code, enhanced code, reason, attempts, first and last
     * attempt, how many recipients, Message-ID; never an address.
     *
     * @return the lines, oldest first
     * @throws MailException if the broker cannot be asked
     */
    public List<String> deadLetters() {
        try {
            return new QueueInspector(producing(), settings).deadLetters().stream().map(DeadLetter::describe).toList();
        } catch (JMSException e) {
            throw unreachable(e);
        }
    }

    /**
     * The dead letters' reply codes, in the order of {@link #deadLetters()}.
     *
     * @return the codes (0 when there was no reply)
     * @throws MailException if the broker cannot be asked
     */
    public List<Integer> deadLetterCodes() {
        try {
            return new QueueInspector(producing(), settings).deadLetters().stream().map(DeadLetter::code).toList();
        } catch (JMSException e) {
            throw unreachable(e);
        }
    }

    /**
     * Moves the dead letters back to the queue, their attempts and age reset.
     *
     * @return how many
     * @throws MailException if the broker fails
     */
    public long retryDead() {
        try {
            return new QueueInspector(producing(), settings).retryDead();
        } catch (JMSException e) {
            throw unreachable(e);
        }
    }

    /**
     * Deletes the dead letters.
     *
     * @return how many
     * @throws MailException if the broker fails
     */
    public long purgeDead() {
        try {
            return new QueueInspector(producing(), settings).purgeDead();
        } catch (JMSException e) {
            throw unreachable(e);
        }
    }

    private MailException unreachable(JMSException e) {
        return new MailException(QueueError.QUEUE_NOT_ASKED.message(broker.describe() + " could not be asked: "
                + e.getClass().getSimpleName()), e);
    }

    /** Stops the workers, closes the connections and releases the broker; never throws. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        workers.forEach(Worker::close);
        if (producing != null) {
            try {
                producing.close();
            } catch (JMSException ignored) {
                // closing anyway
            }
        }
        broker.close();
        delivering.close();
    }

    @Override
    public String toString() {
        return "AliasQueue[" + alias() + ", " + broker.describe() + "]";
    }
}

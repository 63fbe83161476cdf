package org.cdimail.queue;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;

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
 * With {@code queue.in-app-consumers} above 0 the application delivers its queue itself: a worker
 * of that many consumers starts with the alias, on the container's {@code ManagedThreadFactory}
 * ({@value #MANAGED_THREADS}) in an application server and on threads of its own elsewhere.
 * Thread-safe.
 */
public final class AliasQueue implements AutoCloseable {

    /** Where an application server's threads for in-app consumers come from (Jakarta Concurrency). */
    static final String MANAGED_THREADS = "java:comp/DefaultManagedThreadFactory";

    private static final System.Logger LOG = System.getLogger(AliasQueue.class.getName());

    private final AliasContext context;
    private final QueueSettings settings;
    private final BackendFactory delivering;
    private final BrokerSource broker;
    private final Enqueuer enqueuer;
    private final Sessions sessions;
    private final List<Worker> workers = new ArrayList<>();
    private boolean closed;

    AliasQueue(AliasContext context, QueueSettings settings, BackendFactory delivering, BrokerSource broker) {
        this.context = context;
        this.settings = settings;
        this.delivering = delivering;
        this.broker = broker;
        this.enqueuer = new Enqueuer(context.mimeRenderer(), settings.queueName());
        this.sessions = new Sessions(broker);
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
     * Whether an enqueue inside an active JTA transaction joins it (the broker is the container's
     * pooled XA connection factory, WildFly's {@code java:/JmsXA}): the message is queued if and
     * only if the transaction commits.
     *
     * @return {@code true} for a container-managed connection factory
     */
    public boolean enqueueJoinsTransaction() {
        return broker.containerManaged();
    }

    /**
     * Renders and enqueues a batch in one transaction; returns once the broker has it on disk.
     *
     * @param messages the messages
     * @return one receipt per message (every recipient accepted by the queue)
     * @throws MailException if the broker fails; nothing of the batch is queued
     */
    List<Receipt> enqueue(List<EmailMessage> messages) {
        checkOpen();
        try {
            return enqueuer.enqueue(sessions, messages);
        } catch (JMSException e) {
            throw new MailException(QueueError.NOT_QUEUED.message("the messages could not be queued in " + broker.describe()
                    + ": " + e.getClass().getSimpleName()), e);
        }
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException(QueueError.QUEUE_CLOSED.message("the queue of alias '" + alias() + "' is closed"));
        }
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
        return startWorker(consumers, AliasQueue::ownThread);
    }

    /**
     * Starts the in-app consumers ({@code queue.in-app-consumers}), if any: called once when the
     * alias starts.
     *
     * @throws MailException if the broker cannot be reached
     */
    synchronized void startInAppConsumers() {
        int consumers = settings.inAppConsumers();
        if (consumers == 0) {
            return;
        }
        Optional<ThreadFactory> managed = managedThreads();
        startWorker(consumers, managed.orElse(AliasQueue::ownThread));
        LOG.log(Level.INFO, QueueError.IN_APP_CONSUMERS_STARTED.message("{0} in-app queue consumer(s) of alias ''{1}''"
                + " started on {2}, delivering from {3}"), consumers, alias(),
                managed.isPresent() ? MANAGED_THREADS : "threads of their own", broker.describe());
    }

    private Worker startWorker(int consumers, ThreadFactory threads) {
        checkOpen();
        List<EmailBackend> backends = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            EmailBackend backend = delivering.connect(context.withConnection(
                    new ConnectionOptions(true, Optional.empty(), Optional.empty())));
            if (!(backend instanceof RenderedDelivery)) {
                backend.close();
                backends.forEach(EmailBackend::close);
                throw new IllegalStateException(QueueError.BACKEND_NOT_QUEUEABLE.message("alias '" + alias() + "' uses backend '"
                        + context.backend() + "', which cannot deliver queued messages; use smtp"));
            }
            backends.add(backend);
        }
        Sessions own = new Sessions(broker);
        try {
            Worker worker = new Worker(own, settings, consumers, backends, context.events(), threads);
            workers.add(worker);
            return worker;
        } catch (JMSException e) {
            own.close();
            backends.forEach(EmailBackend::close);
            throw new MailException(QueueError.NO_WORKER_CONNECTION.message("no worker could connect to " + broker.describe() + ": "
                    + e.getClass().getSimpleName()), e);
        }
    }

    /** A consumer thread of the queue's own: a daemon, so that it never keeps a JVM alive. */
    private static Thread ownThread(Runnable consumer) {
        Thread thread = new Thread(consumer);
        thread.setDaemon(true);
        return thread;
    }

    /** The application server's managed threads, when there is one. */
    private static Optional<ThreadFactory> managedThreads() {
        try {
            return new InitialContext().lookup(MANAGED_THREADS) instanceof ThreadFactory factory
                    ? Optional.of(factory) : Optional.empty();
        } catch (NamingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Messages ready, scheduled for a retry or being delivered. Through an application server's
     * connection factory (where Artemis's core API cannot be reached) only the ready ones are
     * counted: see {@code docs/queue.md}.
     *
     * @return the count
     * @throws MailException if the broker cannot be asked
     */
    public long pending() {
        try {
            return new QueueInspector(sessions, settings).pending();
        } catch (JMSException e) {
            throw unreachable(e);
        }
    }

    /**
     * How many dead letters the alias has.
     *
     * @return the count
     * @throws MailException if the broker cannot be asked
     */
    public long dead() {
        try {
            return new QueueInspector(sessions, settings).deadCount();
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
            return new QueueInspector(sessions, settings).deadLetters().stream().map(DeadLetter::describe).toList();
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
            return new QueueInspector(sessions, settings).deadLetters().stream().map(DeadLetter::code).toList();
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
            return new QueueInspector(sessions, settings).retryDead();
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
            return new QueueInspector(sessions, settings).purgeDead();
        } catch (JMSException e) {
            throw unreachable(e);
        }
    }

    private MailException unreachable(JMSException e) {
        return new MailException(QueueError.QUEUE_NOT_ASKED.message(broker.describe() + " could not be asked: "
                + e.getClass().getSimpleName()), e);
    }

    /**
     * Browses one of the alias's queues: fails if the broker does not have it (and does not create it).
     *
     * @param queue the queue's name
     * @throws JMSException if it cannot be browsed
     */
    void browse(String queue) throws JMSException {
        try (Sessions.Unit unit = sessions.open(false);
                QueueBrowser browser = unit.session().createBrowser(unit.session().createQueue(queue))) {
            browser.getEnumeration().hasMoreElements();
        }
    }

    /** Stops the workers, closes the connections and releases the broker; never throws. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        workers.forEach(Worker::close);
        sessions.close();
        broker.close();
        delivering.close();
    }

    @Override
    public String toString() {
        return "AliasQueue[" + alias() + ", " + broker.describe() + "]";
    }
}

package org.cdimail.impl.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.transaction.TransactionManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;

import org.cdimail.EmailMessage;
import org.cdimail.Mailer;
import org.cdimail.Outbox;
import org.cdimail.Receipt;
import org.cdimail.impl.support.CapturedLog;
import org.cdimail.impl.support.MailContainer;
import org.cdimail.impl.support.ScriptedSmtpServer;
import org.cdimail.impl.support.TestNaming;
import org.cdimail.inject.Backend;
import org.cdimail.spi.EmailBackend;

/**
 * {@code mail.<alias>.transactional} with a real JTA transaction manager (Narayana, bound in JNDI
 * as a server binds it): every path holds its sends until the commit and drops them on rollback.
 */
class AfterCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TO = "ada@example.com";
    private static TransactionManager transactions;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startTheTransactionManager() {
        String store = Path.of("target", "narayana").toAbsolutePath().toString();
        BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class).setObjectStoreDir(store);
        BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, "communicationStore").setObjectStoreDir(store);
        transactions = com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    @BeforeEach
    void bindTheRegistry() {
        opened.add(TestNaming.bind(Map.of("java:comp/TransactionSynchronizationRegistry",
                new TransactionSynchronizationRegistryImple())));
    }

    @AfterEach
    void closeEverything() throws Exception {
        if (transactions.getTransaction() != null) {
            transactions.rollback();
        }
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private MailContainer locmem(String... more) {
        MailContainer container = MailContainer.with("mail.backend", "locmem").config(more).start();
        opened.add(container);
        return container;
    }

    private static EmailMessage message(String subject) {
        return EmailMessage.builder().subject(subject).body("body").from("shop@example.com").to(TO).build();
    }

    private static List<String> subjects(MailContainer container) {
        return container.select(Outbox.class).messages().stream().map(EmailMessage::subject).toList();
    }

    @Test
    void aSendInsideATransactionReachesTheServerOnceAfterTheCommit() throws Exception {
        ScriptedSmtpServer server = ScriptedSmtpServer.start();
        opened.add(server);
        MailContainer container = MailContainer.with("mail.host", "127.0.0.1", "mail.port",
                Integer.toString(server.port())).start();
        opened.add(container);
        Mailer mailer = container.select(Mailer.class);

        transactions.begin();
        int count = mailer.sendMail("Welcome", "Your account is ready", "shop@example.com", List.of(TO));
        assertThat(count).as("accepted for sending after the commit").isEqualTo(1);
        assertThat(server.connections()).as("nothing is sent, no connection opened before the commit").isZero();
        transactions.commit();

        assertThat(server.received()).as("delivered during the commit").singleElement()
                .satisfies(m -> assertThat(m.recipients()).containsExactly(TO));
    }

    @Test
    void aRollbackSendsNothing() throws Exception {
        MailContainer container = locmem();

        transactions.begin();
        container.select(Mailer.class).sendMail("Welcome", "never", null, List.of(TO));
        transactions.rollback();

        assertThat(subjects(container)).isEmpty();
    }

    @Test
    void receiptsInsideATransactionSayTheMessageIsHeldNotSent() throws Exception {
        MailContainer container = locmem();

        transactions.begin();
        List<Receipt> receipts = container.select(Mailer.class).deliver(List.of(message("held"),
                EmailMessage.builder().subject("nobody").body("b").build()));
        assertThat(receipts.get(0).status()).isEqualTo(Receipt.Status.NOT_ATTEMPTED);
        assertThat(receipts.get(0).failure()).hasValueSatisfying(f -> assertThat(f).startsWith("CDIMAIL-00360"));
        assertThat(receipts.get(0).refused()).as("nobody refused it").isEmpty();
        assertThat(HeldReceipts.isHeld(receipts.get(0))).isTrue();
        assertThat(receipts.get(1).status()).as("no recipients: not sent, as ever").isEqualTo(Receipt.Status.NOT_SENT);
        transactions.commit();

        assertThat(subjects(container)).containsExactly("held");
    }

    @Test
    void anInjectedConnectionHoldsItsSendsToo() throws Exception {
        MailContainer container = locmem();

        transactions.begin();
        EmailBackend injected = container.select(EmailBackend.class);
        assertThat(injected.sendMessages(List.of(message("injected")))).isEqualTo(1);
        try (EmailBackend connection = container.select(Mailer.class).connection()) {
            connection.open();
            connection.sendMessages(List.of(message("opened connection")));
        }
        assertThat(subjects(container)).isEmpty();
        transactions.commit();

        assertThat(subjects(container)).containsExactlyInAnyOrder("injected", "opened connection");

        transactions.begin();
        injected.sendMessages(List.of(message("rolled back")));
        transactions.rollback();
        assertThat(subjects(container)).hasSize(2);
    }

    @Test
    void immediateSendsAtOnceWhateverTheTransactionDoes() throws Exception {
        MailContainer container = locmem("mail.transactional", "immediate");

        transactions.begin();
        container.select(Mailer.class).sendMail("Now", "body", null, List.of(TO));
        assertThat(subjects(container)).containsExactly("Now");
        transactions.rollback();

        assertThat(subjects(container)).containsExactly("Now");
    }

    @Test
    void theKeyIsReadPerAlias() throws Exception {
        MailContainer container = locmem("mail.audit.backend", "locmem", "mail.audit.transactional", "immediate");

        transactions.begin();
        container.select(Mailer.class).sendMail("held", "body", null, List.of(TO));
        Mailer audit = container.select(Mailer.class).using("audit");
        audit.sendMail("audit", "body", null, List.of(TO));
        transactions.rollback();

        assertThat(subjects(container)).isEmpty();
        assertThat(container.select(Outbox.class, Backend.Literal.of("audit")).messages()).extracting(EmailMessage::subject)
                .as("immediate: sent at once, kept after the rollback").containsExactly("audit");
        assertThat(container.select(Mailer.class).connection()).isInstanceOf(AfterCommitConnection.class);
        assertThat(audit.connection()).as("immediate: no transactional stage").isNotInstanceOf(AfterCommitConnection.class);
    }

    @Test
    void aTransactionMarkedForRollbackDropsTheSendAtOnce() throws Exception {
        MailContainer container = locmem();

        transactions.begin();
        transactions.setRollbackOnly();
        int count = container.select(Mailer.class).sendMail("doomed", "body", null, List.of(TO));
        transactions.rollback();

        assertThat(count).isZero();
        assertThat(subjects(container)).isEmpty();
    }

    @Test
    void anAsyncSendStartsAfterTheCommitAndCompletesWithItsReceipt() throws Exception {
        MailContainer container = locmem();
        Mailer mailer = container.select(Mailer.class);

        transactions.begin();
        CompletableFuture<Receipt> stage = mailer.async().send(message("async")).toCompletableFuture();
        assertThat(stage).as("not started before the commit").isNotDone();
        transactions.commit();

        assertThat(stage.get(WAIT.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(Receipt.Status.SENT);
        assertThat(subjects(container)).containsExactly("async");
    }

    @Test
    void anAsyncSendRolledBackCompletesWithReceiptsNotAttempted() throws Exception {
        MailContainer container = locmem();

        transactions.begin();
        CompletableFuture<Receipt> stage = container.select(Mailer.class).async().send(message("rolled back"))
                .toCompletableFuture();
        transactions.rollback();

        Receipt receipt = stage.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(receipt.status()).isEqualTo(Receipt.Status.NOT_ATTEMPTED);
        assertThat(receipt.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("CDIMAIL-00361"));
        assertThat(subjects(container)).isEmpty();
    }

    @Test
    void aFailureAfterTheCommitIsLoggedWithoutAddresses() throws Exception {
        ScriptedSmtpServer server = ScriptedSmtpServer.start();
        int port = server.port();
        server.close(); // nothing listens there now
        MailContainer container = MailContainer.with("mail.host", "127.0.0.1", "mail.port", Integer.toString(port))
                .start();
        opened.add(container);

        try (CapturedLog log = CapturedLog.of(AfterCommitConnection.class)) {
            transactions.begin();
            container.select(Mailer.class).sendMail("Welcome", "body", null, List.of(TO));
            transactions.commit(); // the commit itself succeeds: the mail is not part of it

            assertThat(log.lines()).singleElement().asString().startsWith("WARNING CDIMAIL-00363")
                    .contains("1 of 1 messages of alias 'default'").doesNotContain("@");
        }
    }

    @Test
    void anInvalidValueFailsTheDeploymentNamingTheKey() {
        assertThatThrownBy(() -> locmem("mail.news.backend", "locmem", "mail.news.transactional", "later"))
                .hasStackTraceContaining("CDIMAIL-00362").hasStackTraceContaining("mail.news.transactional");
    }

    /** Loads the tx classes again in a class loader that has no JTA API, as Weld SE without it. */
    @Test
    void withoutTheJtaApiOnTheClassPathThereIsNeverATransaction() throws Exception {
        URL classes = Transactions.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader withoutJta = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("jakarta.transaction.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        try (URLClassLoader isolated = new URLClassLoader(new URL[] { classes }, withoutJta) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                synchronized (getClassLoadingLock(name)) {
                    if (name.startsWith("org.cdimail.impl.tx.")) {
                        Class<?> own = findLoadedClass(name);
                        return own != null ? own : findClass(name);
                    }
                    return super.loadClass(name, resolve);
                }
            }
        }) {
            assertThatThrownBy(() -> isolated.loadClass("jakarta.transaction.Status"))
                    .isInstanceOf(ClassNotFoundException.class);
            transactions.begin(); // a transaction is active, and the registry is bound: only the API is missing
            Class<?> type = isolated.loadClass(Transactions.class.getName());
            Object found = type.getMethod("lookUp").invoke(null);
            assertThat(type.getMethod("state").invoke(found)).hasToString("NONE");
            transactions.rollback();
        }
    }

    @Test
    void withTheApiAndTheRegistryTheStateFollowsTheTransaction() throws Exception {
        Transactions found = Transactions.lookUp();
        assertThat(found.state()).isEqualTo(Transactions.State.NONE);
        transactions.begin();
        assertThat(found.state()).isEqualTo(Transactions.State.ACTIVE);
        transactions.setRollbackOnly();
        assertThat(found.state()).isEqualTo(Transactions.State.DOOMED);
        transactions.rollback();
        assertThat(found.state()).isEqualTo(Transactions.State.NONE);
    }
}

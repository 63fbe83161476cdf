package org.cdimail.it.smtp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import org.cdimail.impl.support.ScriptedSmtpServer;

import jakarta.mail.internet.MimeMessage;

/**
 * The SMTP servers the deployed application sends to, in the test JVM on 127.0.0.1 and free
 * ports: one per route, so a test sees which alias a message took.
 * <ul>
 * <li>{@link #plain()}: the {@code default} alias, no TLS, no AUTH;</li>
 * <li>{@link #secure()}: the {@code transactional} alias, behind a {@link StartTlsFrontend} that
 * requires STARTTLS, with AUTH as {@link #USER}/{@link #PASSWORD};</li>
 * <li>{@link #container()}: the server's own mail session (JNDI), no TLS;</li>
 * <li>{@link #slow()}: the {@code slow} alias, behind an {@link SmtpRelay} that holds each reply
 * for {@link #SLOW_REPLY} (asynchronous sending);</li>
 * <li>{@link #monitored()}: the {@code monitored} alias, behind an {@link SmtpRelay} that can go
 * down (health checks);</li>
 * <li>{@link #refusing()}: the {@code refusing} alias, impl's {@link ScriptedSmtpServer} (from its
 * test-support jar), which answers {@code RCPT TO} of {@link #REFUSED} with 550.</li>
 * </ul>
 */
public final class MailPeers implements AutoCloseable {

    /** The account the {@code transactional} alias authenticates as. */
    public static final String USER = "it-sender";
    /** Its password. */
    public static final String PASSWORD = "it-sender-secret";

    /** How long the {@code slow} alias's SMTP server takes before each reply. */
    public static final Duration SLOW_REPLY = Duration.ofSeconds(5);

    /** The address the {@code refusing} alias's server refuses permanently (550 5.1.1). */
    public static final String REFUSED = "nobody@refused.example";

    private final GreenMail plain;
    private final GreenMail secure;
    private final GreenMail container;
    private final StartTlsFrontend startTls;
    private final SelfSignedCertificate certificate;
    private final GreenMail slow;
    private final SmtpRelay slowRelay;
    private final GreenMail monitored;
    private final SmtpRelay monitoredRelay;
    private final ScriptedSmtpServer refusing;

    private MailPeers(GreenMail plain, GreenMail secure, GreenMail container, StartTlsFrontend startTls,
            SelfSignedCertificate certificate, GreenMail slow, SmtpRelay slowRelay, GreenMail monitored,
            SmtpRelay monitoredRelay, ScriptedSmtpServer refusing) {
        this.plain = plain;
        this.secure = secure;
        this.container = container;
        this.startTls = startTls;
        this.certificate = certificate;
        this.slow = slow;
        this.slowRelay = slowRelay;
        this.monitored = monitored;
        this.monitoredRelay = monitoredRelay;
        this.refusing = refusing;
    }

    /**
     * Starts the servers and their front-ends.
     *
     * @param work where the certificate files go
     * @return the running peers
     * @throws IOException if a certificate or a port cannot be set up
     */
    public static MailPeers start(Path work) throws IOException {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate(work.resolve("tls"));
        GreenMail plain = greenMail(GreenMailConfiguration.aConfig());
        GreenMail secure = greenMail(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));
        GreenMail container = greenMail(GreenMailConfiguration.aConfig());
        StartTlsFrontend startTls = StartTlsFrontend.start(certificate.serverContext(), secure.getSmtp().getPort());
        GreenMail slow = greenMail(GreenMailConfiguration.aConfig());
        SmtpRelay slowRelay = SmtpRelay.slow(slow.getSmtp().getPort(), SLOW_REPLY);
        GreenMail monitored = greenMail(GreenMailConfiguration.aConfig());
        SmtpRelay monitoredRelay = SmtpRelay.start(monitored.getSmtp().getPort());
        ScriptedSmtpServer refusing = ScriptedSmtpServer.start().refusing(REFUSED);
        return new MailPeers(plain, secure, container, startTls, certificate, slow, slowRelay, monitored,
                monitoredRelay, refusing);
    }

    private static GreenMail greenMail(GreenMailConfiguration configuration) {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.withConfiguration(configuration);
        greenMail.start();
        return greenMail;
    }

    /**
     * The plain SMTP server of the {@code default} alias.
     *
     * @return the server
     */
    public GreenMail plain() {
        return plain;
    }

    /**
     * The SMTP server behind the STARTTLS front-end.
     *
     * @return the server
     */
    public GreenMail secure() {
        return secure;
    }

    /**
     * The SMTP server the application server's mail session points at.
     *
     * @return the server
     */
    public GreenMail container() {
        return container;
    }

    /**
     * The STARTTLS front-end of {@link #secure()}.
     *
     * @return the front-end
     */
    public StartTlsFrontend startTls() {
        return startTls;
    }

    /**
     * The certificate the front-end presents.
     *
     * @return the certificate
     */
    public SelfSignedCertificate certificate() {
        return certificate;
    }

    /**
     * The SMTP server of the {@code slow} alias, behind {@link #slowRelay()}.
     *
     * @return the server
     */
    public GreenMail slow() {
        return slow;
    }

    /**
     * The relay the {@code slow} alias connects to.
     *
     * @return the relay
     */
    public SmtpRelay slowRelay() {
        return slowRelay;
    }

    /**
     * The SMTP server of the {@code monitored} alias, behind {@link #monitoredRelay()}.
     *
     * @return the server
     */
    public GreenMail monitored() {
        return monitored;
    }

    /**
     * The relay the {@code monitored} alias connects to, which can go down.
     *
     * @return the relay
     */
    public SmtpRelay monitoredRelay() {
        return monitoredRelay;
    }

    /**
     * The SMTP server of the {@code refusing} alias, which refuses {@link #REFUSED}.
     *
     * @return the server
     */
    public ScriptedSmtpServer refusing() {
        return refusing;
    }

    /** Empties every mailbox and forgets recorded commands, between tests. */
    public void reset() {
        for (GreenMail greenMail : greenMails()) {
            try {
                greenMail.purgeEmailFromAllMailboxes();
            } catch (FolderException e) {
                throw new IllegalStateException("cannot empty GreenMail's mailboxes", e);
            }
        }
        startTls.clearCommands();
        slowRelay.reset();
        monitoredRelay.endOutage();
        monitoredRelay.reset();
    }

    private List<GreenMail> greenMails() {
        return List.of(plain, secure, container, slow, monitored);
    }

    /**
     * Waits until a server has received {@code count} messages.
     *
     * @param server the server
     * @param count  how many
     * @return the messages
     */
    public static List<MimeMessage> awaitMessages(GreenMail server, int count) {
        return awaitMessages(server, count, Duration.ofSeconds(30));
    }

    /**
     * Waits until a server has received {@code count} messages.
     *
     * @param server  the server
     * @param count   how many
     * @param timeout how long to wait at most
     * @return the messages
     */
    public static List<MimeMessage> awaitMessages(GreenMail server, int count, Duration timeout) {
        if (!server.waitForIncomingEmail(timeout.toMillis(), count)) {
            throw new AssertionError("expected " + count + " message(s) within " + timeout + ", got "
                    + server.getReceivedMessages().length);
        }
        return List.of(server.getReceivedMessages());
    }

    @Override
    public void close() throws IOException {
        startTls.close();
        slowRelay.close();
        monitoredRelay.close();
        refusing.close();
        for (GreenMail greenMail : greenMails()) {
            greenMail.stop();
        }
    }
}

package org.cdimail.it.smtp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.MimeMessage;

/**
 * The SMTP servers the deployed application sends to, in the test JVM on 127.0.0.1 and free
 * ports: one per route, so a test sees which alias a message took.
 * <ul>
 * <li>{@link #plain()}: the {@code default} alias, no TLS, no AUTH;</li>
 * <li>{@link #secure()}: the {@code transactional} alias, behind a {@link StartTlsFrontend} that
 * requires STARTTLS, with AUTH as {@link #USER}/{@link #PASSWORD};</li>
 * <li>{@link #container()}: the server's own mail session (JNDI), no TLS.</li>
 * </ul>
 */
public final class MailPeers implements AutoCloseable {

    /** The account the {@code transactional} alias authenticates as. */
    public static final String USER = "it-sender";
    /** Its password. */
    public static final String PASSWORD = "it-sender-secret";

    private final GreenMail plain;
    private final GreenMail secure;
    private final GreenMail container;
    private final StartTlsFrontend startTls;
    private final SelfSignedCertificate certificate;

    private MailPeers(GreenMail plain, GreenMail secure, GreenMail container, StartTlsFrontend startTls,
            SelfSignedCertificate certificate) {
        this.plain = plain;
        this.secure = secure;
        this.container = container;
        this.startTls = startTls;
        this.certificate = certificate;
    }

    /**
     * Starts the three servers.
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
        return new MailPeers(plain, secure, container, startTls, certificate);
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

    /** Empties every mailbox and forgets recorded commands, between tests. */
    public void reset() {
        for (GreenMail greenMail : List.of(plain, secure, container)) {
            try {
                greenMail.purgeEmailFromAllMailboxes();
            } catch (FolderException e) {
                throw new IllegalStateException("cannot empty GreenMail's mailboxes", e);
            }
        }
        startTls.clearCommands();
    }

    /**
     * Waits until a server has received {@code count} messages.
     *
     * @param server the server
     * @param count  how many
     * @return the messages
     */
    public static List<MimeMessage> awaitMessages(GreenMail server, int count) {
        if (!server.waitForIncomingEmail(30_000, count)) {
            throw new AssertionError("expected " + count + " message(s) within 30 s, got "
                    + server.getReceivedMessages().length);
        }
        return List.of(server.getReceivedMessages());
    }

    @Override
    public void close() throws IOException {
        startTls.close();
        for (GreenMail greenMail : List.of(plain, secure, container)) {
            greenMail.stop();
        }
    }
}

package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.Mailer;
import org.cdimail.impl.config.AliasSettings;
import org.cdimail.impl.config.MailConfig;
import org.cdimail.impl.mime.Envelope;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.impl.mime.RenderSettings;
import org.cdimail.impl.support.MailContainer;
import org.cdimail.impl.support.ScriptedSmtpServer;
import org.cdimail.impl.support.TestCertificates;

/**
 * Issue 12: the SMTP client is bounded in time and memory whatever the server does. Each test
 * names the defect it covers; each fails on the client before the fix.
 */
class SmtpHardeningTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final String FROM = "from@example.com";

    private WirePeer peer;
    private SmtpWire wire;

    @BeforeEach
    void startPeer() throws IOException {
        peer = new WirePeer();
    }

    @AfterEach
    void stop() throws IOException {
        if (wire != null) {
            wire.close();
        }
        peer.close();
    }

    private SmtpWire.Endpoint endpoint(long timeoutMillis) {
        return new SmtpWire.Endpoint("127.0.0.1", peer.port(), timeoutMillis, null, false, false);
    }

    private static MimeMessage message(String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(SESSION);
        message.setFrom(new InternetAddress(FROM));
        message.setSubject(subject);
        message.setText("Body of " + subject, "UTF-8");
        return message;
    }

    private static Envelope envelope(String to) throws MessagingException {
        return new Envelope(new InternetAddress(FROM), List.of(new InternetAddress(to)));
    }

    /** Defect 1: over implicit TLS, a server that stops reading after 354 fails the send within the timeout. */
    @Test
    void overTlsAServerThatStopsReadingFailsTheSendWithinTheTimeoutAndStallsNoOtherDeadline(@TempDir Path dir)
            throws Exception {
        TestCertificates server = TestCertificates.generate(dir, "server", "ip:127.0.0.1,dns:localhost");
        Path big = dir.resolve("big.bin");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(64L * 1024 * 1024); // far beyond what socket buffers hold
        }
        try (ScriptedSmtpServer scripted = ScriptedSmtpServer.start().implicitTls(server.serverContext(null), false)
                .stopReadingAfterData();
                MailContainer container = MailContainer.with("mail.host", "127.0.0.1", "mail.port",
                        Integer.toString(scripted.port()), "mail.use-ssl", "true", "mail.ssl-trust-certfile",
                        server.certificatePem().toString(), "mail.timeout", "PT1S").start()) {
            Mailer mailer = container.select(Mailer.class);
            EmailMessage message = EmailMessage.builder().subject("Big").body("B").from(FROM).to("to@example.com")
                    .attachFile(big, "application/octet-stream").build();
            long start = System.nanoTime();
            CompletableFuture<Integer> send = CompletableFuture.supplyAsync(() -> mailer.send(message));

            Throwable failure = catchThrowable(() -> send.get(6, TimeUnit.SECONDS));

            assertThat(failure).as("failed, not still blocked").hasCauseInstanceOf(MailException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
            CountDownLatch unrelated = new CountDownLatch(1);
            WriteTimeouts.INSTANCE.schedule(unrelated::countDown, 200, TimeUnit.MILLISECONDS);
            assertThat(unrelated.await(3, TimeUnit.SECONDS)).as("an unrelated 200 ms deadline fires").isTrue();
        }
    }

    /** Defect 1, at the executor: a timeout task that blocks does not hold up the others. */
    @Test
    void aBlockingTimeoutTaskDoesNotHoldUpOtherDeadlines() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch other = new CountDownLatch(1);
        try {
            WriteTimeouts.INSTANCE.schedule(() -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, 10, TimeUnit.MILLISECONDS);
            WriteTimeouts.INSTANCE.schedule(other::countDown, 300, TimeUnit.MILLISECONDS);
            assertThat(other.await(3, TimeUnit.SECONDS)).isTrue();
        } finally {
            release.countDown();
        }
    }

    /** Defect 3: endless 250- lines end the connection at the reply limit, in bounded memory and time. */
    @Test
    void endlessEhloLinesFailTheConnectionCleanly() {
        peer.script().endlessEhlo();
        long start = System.nanoTime();
        Throwable failure = catchThrowable(() -> wire = SmtpWire.connect(endpoint(3000), null, null));
        assertThat(failure).isInstanceOf(MessagingException.class).hasMessageStartingWith("CDIMAIL-00291")
                .hasMessageContaining("CDIMAIL-00301");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    /** Defect 3: a greeting dripped a byte every 1.5 s, inside a 2 s read timeout, fails at 2 s. */
    @Test
    void aDrippedGreetingFailsWithinTheTimeoutNamingIt() {
        peer.script().dripGreeting(Duration.ofMillis(1500));
        long start = System.nanoTime();
        Throwable failure = catchThrowable(() -> wire = SmtpWire.connect(endpoint(2000), null, null));
        assertThat(failure).isInstanceOf(MessagingException.class).hasMessageContaining("CDIMAIL-00310")
                .hasMessageContaining("PT2S").hasMessageContaining("mail.timeout").hasMessageContaining("127.0.0.1");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3500));
    }

    /** Issue 13 item 5: a refused port says so, with the host and the port. */
    @Test
    void aRefusedPortIsNamedWithHostAndPort() throws IOException {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        Throwable failure = catchThrowable(() -> SmtpWire.connect(
                new SmtpWire.Endpoint("127.0.0.1", closed, 2000, null, false, false), null, null));
        assertThat(failure).hasMessageContaining("CDIMAIL-00304").hasMessageContaining("refused")
                .hasMessageContaining("127.0.0.1 port " + closed);
    }

    /** Defect 7: every address of the host is tried, in order, within the one deadline. */
    @Test
    void everyAddressOfTheHostIsTriedInTurn() throws IOException {
        InetAddress refusing = InetAddress.getByAddress("smtp.test", new byte[] { 127, 0, 0, 2 });
        InetAddress listening = InetAddress.getByAddress("smtp.test", new byte[] { 127, 0, 0, 1 });
        SmtpWire.Endpoint endpoint = new SmtpWire.Endpoint("smtp.test", peer.port(), 2000, null, false, false);

        SmtpChannel channel = SmtpChannel.open(endpoint, new InetAddress[] { refusing, listening },
                System.nanoTime() + Duration.ofSeconds(2).toNanos());
        try {
            assertThat(channel.reply(ReplyReader.Text.NONE).code()).isEqualTo(220);
        } finally {
            channel.abort();
        }
    }

    /** Defect 7: the EHLO name is the local address literal, with no name look-up. */
    @Test
    void ehloGivesTheLocalAddressLiteral() throws MessagingException {
        wire = SmtpWire.connect(endpoint(2000), null, null);
        assertThat(peer.conversation(1).commandsStartingWith("EHLO")).containsExactly("EHLO [127.0.0.1]");
    }

    /**
     * Defect 4: a write that carried the final dot (and the next message's pipelined envelope)
     * and then failed may have delivered the message: it counts as sent, so it is never sent again.
     */
    @Test
    void aFailedWriteThatCarriedTheFinalDotCountsAsContentSent() throws MessagingException {
        SSLSocketFactory failingAfterDot = new PassThroughFactory(FailAfterDot::new);
        wire = SmtpWire.connect(new SmtpWire.Endpoint("127.0.0.1", peer.port(), 2000, failingAfterDot, true, false),
                null, null);
        Envelope second = envelope("second@example.com");

        ConnectionLostException lost = catchThrowableOfType(ConnectionLostException.class,
                () -> wire.send(envelope("first@example.com"), message("First"), () -> second));

        assertThat(lost).isNotNull();
        assertThat(lost.contentSent()).as("the dot left in the failed write").isTrue();
        WirePeer.await(() -> peer.delivered().size() == 1, "the server accepted the first message");
    }

    /** Defect 5: an Error on a pool helper thread is thrown to the caller, never a short count. */
    @Test
    void anErrorOnAHelperThreadIsThrownToTheCaller() {
        SmtpConnector connector = connector(Map.of("mail.host", "127.0.0.1", "mail.port", Integer.toString(peer.port()),
                "mail.timeout", "PT2S", "mail.pool.max-connections", "2"));
        CountDownLatch helperFailed = new CountDownLatch(1);
        List<Delivery.Prepared> batch = IntStream.range(0, 10)
                .mapToObj(i -> new Delivery.Prepared(i, EmailMessage.builder().subject("M" + i).body("B").from(FROM)
                        .to("to@example.com").build(), new Envelope(address(FROM),
                                List.of(new FailingOnHelpers("to" + i + "@example.com", helperFailed)))))
                .toList();
        Delivery delivery = new Delivery(batch.stream().map(Delivery.Prepared::message).toList(), batch,
                new MimeRenderer(RenderSettings.defaults()), true, "default");
        try {
            delivery.runPooled(connector.pool());
            Throwable failure = catchThrowable(delivery::outcome);
            assertThat(failure).isInstanceOf(OutOfMemoryError.class).hasMessage("injected on a helper thread");
        } finally {
            connector.close();
        }
    }

    private static InternetAddress address(String address) {
        try {
            return new InternetAddress(address);
        } catch (MessagingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static SmtpConnector connector(Map<String, String> properties) {
        MailConfig config = new MailConfig(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build());
        AliasSettings settings = config.settings("default");
        return new SmtpConnector(settings, key -> key.key());
    }

    /**
     * A recipient whose address cannot be read on a pool helper thread: an {@link Error} there.
     * On the calling thread it waits (at most 10 s) until a helper has failed, so that a helper
     * surely takes a message.
     */
    private static final class FailingOnHelpers extends InternetAddress {
        private static final long serialVersionUID = 1L;
        private final transient CountDownLatch helperFailed;

        FailingOnHelpers(String address, CountDownLatch helperFailed) {
            super();
            setAddress(address);
            this.helperFailed = helperFailed;
        }

        @Override
        public String getAddress() {
            if (Thread.currentThread().getName().startsWith("cdi-mail-smtp-default-")) {
                helperFailed.countDown();
                throw new OutOfMemoryError("injected on a helper thread");
            }
            try {
                helperFailed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.getAddress();
        }
    }

    /** Hands every byte through, but fails the write that carries a final dot followed by a MAIL command. */
    private static final class FailAfterDot extends FilterOutputStream {
        private boolean failed;

        FailAfterDot(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            out.flush();
            String written = new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
            if (!failed && written.contains("\r\n.\r\nMAIL FROM")) {
                failed = true;
                throw new SocketException("injected: the write failed after its bytes left");
            }
        }
    }

    /** A "TLS" factory whose sockets pass bytes through in clear, with a filter on the output. */
    private static final class PassThroughFactory extends SSLSocketFactory {
        private final java.util.function.Function<OutputStream, OutputStream> filter;

        PassThroughFactory(java.util.function.Function<OutputStream, OutputStream> filter) {
            this.filter = filter;
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return new PassThrough(s, filter.apply(s.getOutputStream()));
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return new String[0];
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return new String[0];
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw new UnsupportedOperationException();
        }
    }

    /** An SSLSocket in name only, over a plain socket. */
    private static final class PassThrough extends SSLSocket {
        private final Socket raw;
        private final OutputStream out;

        PassThrough(Socket raw, OutputStream out) {
            this.raw = raw;
            this.out = out;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return raw.getInputStream();
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public void setSoTimeout(int timeout) throws SocketException {
            raw.setSoTimeout(timeout);
        }

        @Override
        public synchronized void close() throws IOException {
            raw.close();
        }

        @Override
        public void startHandshake() {
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return new String[0];
        }

        @Override
        public String[] getEnabledCipherSuites() {
            return new String[0];
        }

        @Override
        public void setEnabledCipherSuites(String[] suites) {
        }

        @Override
        public String[] getSupportedProtocols() {
            return new String[0];
        }

        @Override
        public String[] getEnabledProtocols() {
            return new String[0];
        }

        @Override
        public void setEnabledProtocols(String[] protocols) {
        }

        @Override
        public SSLSession getSession() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        }

        @Override
        public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        }

        @Override
        public void setUseClientMode(boolean mode) {
        }

        @Override
        public boolean getUseClientMode() {
            return true;
        }

        @Override
        public void setNeedClientAuth(boolean need) {
        }

        @Override
        public boolean getNeedClientAuth() {
            return false;
        }

        @Override
        public void setWantClientAuth(boolean want) {
        }

        @Override
        public boolean getWantClientAuth() {
            return false;
        }

        @Override
        public void setEnableSessionCreation(boolean flag) {
        }

        @Override
        public boolean getEnableSessionCreation() {
            return true;
        }
    }
}

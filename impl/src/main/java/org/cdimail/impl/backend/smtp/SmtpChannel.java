package org.cdimail.impl.backend.smtp;

import static org.cdimail.impl.ImplError.CONNECTION_REFUSED;
import static org.cdimail.impl.ImplError.CONNECT_IO_ERROR;
import static org.cdimail.impl.ImplError.CONNECT_TIMEOUT;
import static org.cdimail.impl.ImplError.HOST_NOT_RESOLVED;
import static org.cdimail.impl.ImplError.REPLY_TIMEOUT;
import static org.cdimail.impl.ImplError.TLS_HANDSHAKE_TIMEOUT;
import static org.cdimail.impl.ImplError.UNKNOWN_HOST;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLSocket;

import org.cdimail.impl.backend.smtp.ReplyReader.Reply;
import org.cdimail.impl.backend.smtp.ReplyReader.Text;

/**
 * The bytes of one SMTP connection, bounded in time: resolving the server's name, connecting
 * (every address of the host in turn, within one deadline), implicit TLS or {@code STARTTLS}'s
 * TLS layer, commands out through a {@link DeadlineOutput} that holds the raw TCP socket, and
 * replies in through a {@link ReplyReader} with a deadline per reply. Knows nothing of
 * transactions. Never closes the TLS socket (its {@code close()} can block on a peer that stopped
 * reading): {@link #abort()} closes the TCP socket under it. Not thread-safe.
 */
final class SmtpChannel {

    /** A small pool of daemon threads for name look-ups, which the JDK cannot bound in time. */
    private static final ExecutorService RESOLVER = resolver();

    private final SmtpWire.Endpoint endpoint;
    private final Socket raw;
    private Socket top;
    private InputStream in;
    private Buffer out;
    private DeadlineOutput timed;
    private final ReplyReader reader;
    private volatile boolean readExpired;
    /** The read timeout last given to the socket, to spare a system call per read. */
    private int soTimeout = -1;

    private SmtpChannel(SmtpWire.Endpoint endpoint, Socket raw) {
        this.endpoint = endpoint;
        this.raw = raw;
        this.top = raw;
        this.reader = new ReplyReader(this::readSome, ReplyReader.Limits.DEFAULT);
    }

    /**
     * Resolves the host and connects to the first of its addresses that accepts, all within the
     * endpoint's timeout; layers implicit TLS when asked.
     *
     * @throws IOException with an id, the host and the port, if no address accepted in time
     */
    static SmtpChannel open(SmtpWire.Endpoint endpoint) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(endpoint.timeoutMillis());
        return open(endpoint, resolve(endpoint, deadline), deadline);
    }

    /** Connects to the first of {@code addresses} that accepts before {@code deadline}, in order. */
    static SmtpChannel open(SmtpWire.Endpoint endpoint, InetAddress[] addresses, long deadline) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            int remaining = remainingMillis(deadline);
            if (remaining <= 0) {
                break;
            }
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, endpoint.port()), remaining);
                socket.setTcpNoDelay(true);
                SmtpChannel channel = new SmtpChannel(endpoint, socket);
                channel.streams();
                if (endpoint.implicitTls()) {
                    channel.layerTls();
                }
                return channel;
            } catch (IOException | RuntimeException e) {
                DeadlineOutput.closeQuietly(socket);
                last = e instanceof IOException io ? io : new IOException(e);
            }
        }
        throw unreachable(endpoint, last);
    }

    private static IOException unreachable(SmtpWire.Endpoint endpoint, IOException last) {
        String where = endpoint.host() + " port " + endpoint.port();
        if (last instanceof ConnectException) {
            return new ConnectException(CONNECTION_REFUSED.message("connection refused by " + where
                    + ": no SMTP server listens there; check the host and port settings"));
        }
        if (last == null || last instanceof SocketTimeoutException) {
            SocketTimeoutException timeout = new SocketTimeoutException(CONNECT_TIMEOUT.message("could not connect to "
                    + where + " within " + endpoint.timeout() + " (" + endpoint.timeoutKey() + ")"));
            if (last != null) {
                timeout.initCause(last);
            }
            return timeout;
        }
        if (last.getMessage() != null && last.getMessage().startsWith("CDIMAIL-")) {
            return last;
        }
        return new IOException(CONNECT_IO_ERROR.message("could not connect to " + where + ": "
                + last.getClass().getSimpleName()),
                last);
    }

    private static InetAddress[] resolve(SmtpWire.Endpoint endpoint, long deadline) throws IOException {
        if (endpoint.host().matches("[0-9.]+|.*:.*")) {
            return InetAddress.getAllByName(endpoint.host()); // an address literal: no look-up
        }
        Future<InetAddress[]> lookup = RESOLVER.submit(() -> InetAddress.getAllByName(endpoint.host()));
        try {
            return lookup.get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException) {
                throw new UnknownHostException(UNKNOWN_HOST.message("the SMTP host " + endpoint.host()
                        + " is unknown; check the host setting"));
            }
            throw new IOException(UNKNOWN_HOST.message("cannot resolve the SMTP host "
                    + endpoint.host()), e.getCause());
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new SocketTimeoutException(HOST_NOT_RESOLVED.message("the SMTP host " + endpoint.host()
                    + " was not resolved within " + endpoint.timeout() + " (" + endpoint.timeoutKey() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lookup.cancel(true);
            throw new IOException(HOST_NOT_RESOLVED.message("interrupted while resolving the SMTP host "
                    + endpoint.host()));
        }
    }

    private static int remainingMillis(long deadlineNanos) {
        long remaining = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
    }

    /** Layers TLS over the TCP socket (implicit TLS, or after {@code STARTTLS}'s 220), within the timeout. */
    void layerTls() throws IOException {
        SSLSocket tls = (SSLSocket) endpoint.tls().createSocket(raw, endpoint.host(), endpoint.port(), true);
        tls.setSoTimeout(timeoutMillis());
        ScheduledFuture<?> deadline = WriteTimeouts.INSTANCE.schedule(this::expireRead, endpoint.timeoutMillis(),
                TimeUnit.MILLISECONDS);
        try {
            tls.startHandshake();
        } catch (SocketException e) {
            throw readExpired ? handshakeTimedOut() : e;
        } finally {
            deadline.cancel(false);
        }
        if (readExpired) {
            throw handshakeTimedOut();
        }
        top = tls;
        soTimeout = -1;
        streams();
    }

    private SocketTimeoutException handshakeTimedOut() {
        return new SocketTimeoutException(TLS_HANDSHAKE_TIMEOUT.message("the TLS handshake with " + endpoint.host()
                + " port " + endpoint.port() + " did not finish within " + endpoint.timeout()
                + " (" + endpoint.timeoutKey() + ")"));
    }

    private void streams() throws IOException {
        in = top.getInputStream();
        reader.discardBuffered();
        timed = new DeadlineOutput(top.getOutputStream(), raw, endpoint.timeoutMillis());
        out = new Buffer(timed);
    }

    private int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, endpoint.timeoutMillis()));
    }

    /**
     * One read for the reply reader. A plain socket's {@code SO_TIMEOUT} is set to what remains
     * of the reply's deadline; under TLS one application read may take several socket reads, so
     * the raw socket is also closed if the read is still blocked a little after that.
     */
    private int readSome(byte[] buffer, int offset, int length, int timeoutMillis) throws IOException {
        // Lowered only when the deadline is notably nearer than the timeout in force (at most 10 ms late).
        if (timeoutMillis > soTimeout || timeoutMillis < soTimeout - 10) {
            top.setSoTimeout(timeoutMillis);
            soTimeout = timeoutMillis;
        }
        if (top == raw) {
            return in.read(buffer, offset, length);
        }
        ScheduledFuture<?> backstop = WriteTimeouts.INSTANCE.schedule(this::expireRead, timeoutMillis + 50L,
                TimeUnit.MILLISECONDS);
        try {
            return in.read(buffer, offset, length);
        } catch (SocketException e) {
            if (readExpired) {
                throw new SocketTimeoutException(REPLY_TIMEOUT.message("no complete SMTP reply within the timeout"));
            }
            throw e;
        } finally {
            backstop.cancel(false);
        }
    }

    private void expireRead() {
        readExpired = true;
        DeadlineOutput.closeQuietly(raw);
    }

    /**
     * Buffers a command and its CRLF, not flushed: {@link #reply} flushes before it waits, so
     * pipelined commands leave together.
     *
     * @param text printable ASCII, checked by the caller
     */
    void command(String text) throws IOException {
        if (!text.chars().allMatch(c -> c < 0x80)) { // an SMTPUTF8 envelope (RFC 6531): UTF-8
            byte[] utf8 = (text + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.write(utf8, 0, utf8.length);
            return;
        }
        int length = text.length();
        byte[] bytes = new byte[length + 2];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) text.charAt(i);
        }
        bytes[length] = '\r';
        bytes[length + 1] = '\n';
        out.write(bytes, 0, bytes.length);
    }

    /** Flushes whatever is buffered, then reads one reply, which must be complete within the timeout. */
    Reply reply(Text text) throws IOException {
        out.flush();
        try {
            return reader.read(text, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(endpoint.timeoutMillis()));
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException(REPLY_TIMEOUT.message("no complete SMTP reply from " + endpoint.host()
                    + " port " + endpoint.port() + " within " + endpoint.timeout() + " (" + endpoint.timeoutKey() + ")"));
        }
    }

    /** Flushes the buffered output. */
    void flush() throws IOException {
        out.flush();
    }

    /** The buffered output, for message content. */
    OutputStream out() {
        return out;
    }

    /** The bytes written to the buffer so far: those that left, and those still buffered. */
    long position() {
        return out.position();
    }

    /** The bytes that left in writes that completed. */
    long written() {
        return timed.written();
    }

    /** The bytes handed to the socket, in writes that completed or failed: see {@link DeadlineOutput#attempted()}. */
    long attempted() {
        return timed.attempted();
    }

    /** Whether a write to the socket failed or timed out. */
    boolean outputFailed() {
        return timed.failed();
    }

    /** Whether a write or a reply was stopped by its deadline. */
    boolean timedOut() {
        return timed.timedOut() || readExpired;
    }

    /** Whether TLS is active. */
    boolean encrypted() {
        return top != raw;
    }

    SmtpWire.Endpoint endpoint() {
        return endpoint;
    }

    /**
     * The name to give in {@code EHLO}: the address literal of the connection's local address (RFC
     * 5321 4.1.3), which needs no name look-up and is what the server sees anyway.
     */
    String helloName() {
        InetAddress local = raw.getLocalAddress();
        return local instanceof Inet6Address
                ? "[IPv6:" + local.getHostAddress().replaceFirst("%.*$", "") + "]"
                : "[" + local.getHostAddress() + "]";
    }

    /** Closes the TCP socket at once (never the TLS socket over it). Never throws, never blocks. */
    void abort() {
        DeadlineOutput.closeQuietly(raw);
    }

    private static ExecutorService resolver() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "cdi-mail-smtp-resolver");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The output buffer, which knows how many bytes have gone through it in all. */
    private static final class Buffer extends BufferedOutputStream {
        private final DeadlineOutput socket;

        Buffer(DeadlineOutput socket) {
            super(socket, 16 * 1024);
            this.socket = socket;
        }

        /** The bytes written to this buffer so far: those handed to the socket, and those still here. */
        synchronized long position() {
            return socket.written() + count;
        }
    }
}

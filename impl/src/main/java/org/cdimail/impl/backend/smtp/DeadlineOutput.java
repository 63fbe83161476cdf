package org.cdimail.impl.backend.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A connection's output, each write bounded by a timeout, counting the bytes that actually left.
 *
 * <p>The timeout is enforced under TLS: it holds the raw TCP socket, and a write still blocked
 * when its deadline passes (a server that stopped reading) gets that socket closed by
 * {@link WriteTimeouts}, which fails the write. The TLS socket is never closed from the timer: its
 * {@code close()} would send {@code close_notify} and wait for the very lock the blocked writer
 * holds. Closing a plain socket does not block.
 *
 * <p>{@link #written()} counts the bytes of writes that completed: for a plain socket, bytes the
 * kernel took; under TLS, bytes whose records were handed to the kernel. {@link #attempted()}
 * also counts the bytes of a write that failed, some of which may have left. Whether a message's
 * final dot may have reached the server is therefore read from these counts, not inferred. Not thread-safe (one writer), except that the
 * deadline closes the socket from the timer thread.
 */
final class DeadlineOutput extends OutputStream {

    private final OutputStream out;
    private final Socket raw;
    private final long timeoutMillis;
    private volatile boolean timedOut;
    private boolean failed;
    private long written;
    private long attempted;

    /**
     * @param out           the stream to write to: the raw socket's, or the TLS socket's layered on it
     * @param raw           the plain TCP socket under {@code out}, closed when a write times out
     * @param timeoutMillis how long one write may take
     */
    DeadlineOutput(OutputStream out, Socket raw, long timeoutMillis) {
        this.out = out;
        this.raw = raw;
        this.timeoutMillis = timeoutMillis;
    }

    /** Whether a write to the socket failed (as opposed to the content being written failing to read). */
    boolean failed() {
        return failed;
    }

    /** Whether a write was stopped by its deadline. */
    boolean timedOut() {
        return timedOut;
    }

    /** The bytes of the writes that completed. */
    long written() {
        return written;
    }

    /**
     * The bytes handed to the socket, in writes that completed or failed: a byte beyond this
     * count certainly never left; one within it may have, even if its write failed.
     */
    long attempted() {
        return attempted;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ScheduledFuture<?> deadline = WriteTimeouts.INSTANCE.schedule(this::expire, timeoutMillis,
                TimeUnit.MILLISECONDS);
        attempted += length;
        try {
            out.write(bytes, offset, length);
            written += length;
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    private void expire() {
        timedOut = true;
        closeQuietly(raw);
    }

    /** Closes a plain socket; never throws. */
    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all that can be done.
        }
    }
}

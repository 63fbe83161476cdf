package org.cdimail.cli;

import static org.cdimail.cli.CliError.READER_ENDED_WITHOUT_RESULT;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads and checks the next chunk on a thread of its own while the caller sends the current one,
 * so that parsing overlaps waiting for the server. At most one chunk waits, ready, besides the one
 * being read and the one being sent: memory stays bounded by three chunks.
 *
 * <p>{@link #close()} stops the thread; a thread blocked reading standard input is a daemon and
 * does not keep the JVM alive.
 */
final class PrefetchingChunks implements ChunkSource, AutoCloseable {

    private static final long POLL_MILLIS = 1000;
    private static final long CLOSE_WAIT_MILLIS = 5000;

    /** What the thread hands over: a chunk (empty at the end), or why reading stopped. */
    private record Result(List<Line> chunk, Exception failure) {
    }

    private final ChunkSource delegate;
    private final BlockingQueue<Result> ready = new ArrayBlockingQueue<>(1);
    private final Thread thread;
    private volatile boolean stopped;
    private boolean ended;

    /**
     * Starts reading.
     *
     * @param delegate the source read on the thread
     */
    PrefetchingChunks(ChunkSource delegate) {
        this.delegate = delegate;
        this.thread = new Thread(this::readAll, "cdi-mail send-mass reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void readAll() {
        try {
            List<Line> chunk;
            do {
                chunk = delegate.next();
                handOver(new Result(chunk, null));
            } while (!chunk.isEmpty());
        } catch (IOException | RuntimeException e) {
            handOver(new Result(null, e));
        }
    }

    private void handOver(Result result) {
        try {
            while (!stopped) {
                if (ready.offer(result, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public List<Line> next() throws IOException {
        if (ended) {
            return List.of();
        }
        Result result = take();
        if (result.failure() instanceof IOException e) {
            ended = true;
            throw e;
        }
        if (result.failure() instanceof RuntimeException e) {
            ended = true;
            throw e;
        }
        ended = result.chunk().isEmpty();
        return result.chunk();
    }

    /** The next result; waits while the thread reads (standard input may take any time), not once it has died. */
    private Result take() throws InterruptedIOException {
        try {
            while (true) {
                Result result = ready.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (result != null) {
                    return result;
                }
                if (!thread.isAlive() && ready.isEmpty()) {
                    throw new IllegalStateException(
                            READER_ENDED_WITHOUT_RESULT.message("send-mass: the reader thread ended without a result"));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the file");
        }
    }

    @Override
    public void parseNoMore() {
        delegate.parseNoMore();
    }

    @Override
    public long lastLineNumber() {
        return delegate.lastLineNumber(); // written by the thread before it handed over the end
    }

    /** Stops the thread and waits for it, {@value #CLOSE_WAIT_MILLIS} ms at most. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

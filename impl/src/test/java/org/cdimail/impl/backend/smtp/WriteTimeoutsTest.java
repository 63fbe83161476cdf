package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.Mailer;
import org.cdimail.impl.support.MailContainer;

/** The shared write-timeout timer: deadlines fire once, cancelled ones never, and a stuck server is given up on. */
class WriteTimeoutsTest {

    @Test
    void aDeadlineNotCancelledInTimeRunsOnceAndItsResultIsAvailable() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<String> deadline = WriteTimeouts.INSTANCE.schedule(() -> {
            runs.incrementAndGet();
            return "closed";
        }, 50, TimeUnit.MILLISECONDS);

        assertThat(deadline.get(5, TimeUnit.SECONDS)).isEqualTo("closed");
        assertThat(deadline.cancel(true)).isFalse();
        assertThat(runs).hasValue(1);
    }

    @Test
    void aRepeatingTaskRunsUntilCancelledAndNeverAfter() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
        CountDownLatch scheduled = new CountDownLatch(1);
        ScheduledFuture<?> repeating = WriteTimeouts.INSTANCE.scheduleWithFixedDelay(() -> {
            awaitQuietly(scheduled);
            if (runs.incrementAndGet() == 3) {
                self.get().cancel(false);
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        self.set(repeating);
        scheduled.countDown();

        assertThatThrownBy(() -> repeating.get(5, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        ScheduledFuture<String> later = WriteTimeouts.INSTANCE.schedule(() -> "done", 400, TimeUnit.MILLISECONDS);
        assertThat(later.get(5, TimeUnit.SECONDS)).isEqualTo("done"); // several periods and ticks later
        assertThat(runs).hasValue(3);
        assertThat(repeating.isCancelled()).isTrue();
    }

    @Test
    void aRepeatingTaskThatThrowsStopsAndReportsTheFailure() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<?> repeating = WriteTimeouts.INSTANCE.scheduleAtFixedRate(() -> {
            if (runs.incrementAndGet() == 2) {
                throw new IllegalStateException("second run fails");
            }
        }, 0, 10, TimeUnit.MILLISECONDS);

        assertThatThrownBy(() -> repeating.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        ScheduledFuture<String> later = WriteTimeouts.INSTANCE.schedule(() -> "done", 400, TimeUnit.MILLISECONDS);
        assertThat(later.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(runs).hasValue(2);
        assertThat(repeating.cancel(false)).isFalse();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aCancelledDeadlineNeverRuns() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        ScheduledFuture<?> cancelled = WriteTimeouts.INSTANCE.schedule(ran::countDown, 20, TimeUnit.MILLISECONDS);
        assertThat(cancelled.cancel(true)).isTrue();
        ScheduledFuture<String> later = WriteTimeouts.INSTANCE.schedule(() -> "done", 200, TimeUnit.MILLISECONDS);

        assertThat(later.get(5, TimeUnit.SECONDS)).isEqualTo("done"); // well past the cancelled one's deadline
        assertThat(ran.getCount()).isEqualTo(1);
        assertThat(cancelled.isCancelled()).isTrue();
    }

    @Test
    void aServerThatStopsReadingInTheMiddleOfAMessageFailsTheSendWithinTheTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CountDownLatch testDone = new CountDownLatch(1);
            Thread peer = new Thread(() -> stopReadingAfterData(server, testDone), "stuck-smtp-peer");
            peer.setDaemon(true);
            peer.start();
            try (MailContainer container = MailContainer.with("mail.host", "127.0.0.1", "mail.port",
                    Integer.toString(server.getLocalPort()), "mail.timeout", "PT1S").start()) {
                Mailer mailer = container.select(Mailer.class);
                EmailMessage large = EmailMessage.builder().subject("Large").body("See attached.")
                        .from("sender@example.com").to("rcpt@example.com")
                        .attach("large.bin", new byte[64 * 1024 * 1024], "application/octet-stream").build();

                long start = System.nanoTime();
                assertThatThrownBy(() -> mailer.send(large)).isInstanceOf(MailException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            } finally {
                testDone.countDown();
            }
        }
    }

    /** Talks SMTP up to DATA, then never reads again, so the client's writes block once the buffers are full. */
    private static void stopReadingAfterData(ServerSocket server, CountDownLatch testDone) {
        try (Socket socket = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            out.write("220 stuck.example ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.toUpperCase(Locale.ROOT);
                String reply = command.startsWith("EHLO") || command.startsWith("HELO") ? "250 stuck.example"
                        : command.equals("DATA") ? "354 go ahead" : "250 Ok";
                out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (command.equals("DATA")) {
                    testDone.await(60, TimeUnit.SECONDS); // hold the connection, reading nothing more
                    return;
                }
            }
        } catch (IOException e) {
            // The client closed the connection: expected.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

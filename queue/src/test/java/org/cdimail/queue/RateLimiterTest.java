package org.cdimail.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** {@code queue.rate}: batches are spaced so that the rate is not exceeded; 0 means no limit. */
class RateLimiterTest {

    @Test
    void fiftyMessagesAtOneHundredPerSecondTakeAtLeastAboutHalfASecond() {
        RateLimiter limiter = new RateLimiter(100);
        long start = System.nanoTime();
        for (int batch = 0; batch < 6; batch++) {
            limiter.acquire(10, () -> false); // the first batch goes at once; the sixth may start after 50 messages' time
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(480);
    }

    @Test
    void withoutARateNothingWaits() {
        RateLimiter limiter = new RateLimiter(0);
        long start = System.nanoTime();
        for (int batch = 0; batch < 1000; batch++) {
            limiter.acquire(20, () -> false);
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(200);
    }

    @Test
    void aStoppingWorkerDoesNotWait() {
        RateLimiter limiter = new RateLimiter(1);
        limiter.acquire(10, () -> false);
        long start = System.nanoTime();
        limiter.acquire(10, () -> true);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(200);
    }
}

package org.cdimail.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Postfix-like back-off: doubling from the initial delay, capped, with up to 20% jitter, and nothing after max-age. */
class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofDays(5));
    private final Instant enqueued = Instant.parse("2026-12-04T10:00:00Z");

    private long delayMillis(int attempts) {
        return policy.nextDelay(enqueued, attempts, enqueued.plusSeconds(1)).orElseThrow().toMillis();
    }

    @Test
    void eachRetryWaitsTwiceAsLongAsTheOneBeforeWithAtMostTwentyPercentJitter() {
        for (int i = 0; i < 50; i++) {
            assertThat(delayMillis(1)).isBetween(60_000L, 72_000L);
            assertThat(delayMillis(2)).isBetween(120_000L, 144_000L);
            assertThat(delayMillis(3)).isBetween(240_000L, 288_000L);
        }
    }

    @Test
    void theWaitNeverExceedsTheMaximumPlusItsJitter() {
        for (int attempts : new int[] {5, 10, 40, 1000}) {
            assertThat(delayMillis(attempts)).isBetween(600_000L, 720_000L);
        }
    }

    @Test
    void aMessageAsOldAsMaxAgeIsNotRetried() {
        assertThat(policy.nextDelay(enqueued, 3, enqueued.plus(Duration.ofDays(5)))).isEmpty();
        assertThat(policy.nextDelay(enqueued, 3, enqueued.plus(Duration.ofDays(5)).minusSeconds(1))).isPresent();
    }
}

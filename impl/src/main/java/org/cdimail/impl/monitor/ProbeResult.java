package org.cdimail.impl.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one check of an alias found: up or down, when, how long it took, when down why, and for a
 * queued alias its counts. The reason is a cdi-mail error message: an id and a text that never
 * holds an address or a credential.
 *
 * @param up        whether the alias is ready
 * @param checkedAt when the check started
 * @param elapsed   how long it took
 * @param reason    why it is down; empty when up
 * @param pending   the messages waiting in a queued alias's queue, when counted
 * @param dead      a queued alias's dead letters, when counted
 */
public record ProbeResult(boolean up, Instant checkedAt, Duration elapsed, Optional<String> reason,
        OptionalLong pending, OptionalLong dead) {

    private static final Pattern ID = Pattern.compile("CDIMAIL-\\d{5}");

    /** Checks the values; a result that is down has a reason. */
    public ProbeResult {
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(dead, "dead");
        if (!up && reason.isEmpty()) {
            throw new IllegalArgumentException("a result that is down has a reason");
        }
    }

    /**
     * The alias is ready.
     *
     * @param checkedAt when the check started
     * @param elapsed   how long it took
     * @return the result
     */
    public static ProbeResult up(Instant checkedAt, Duration elapsed) {
        return new ProbeResult(true, checkedAt, elapsed, Optional.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    /**
     * The alias is not ready.
     *
     * @param checkedAt when the check started
     * @param elapsed   how long it took
     * @param reason    a cdi-mail error message saying why
     * @return the result
     */
    public static ProbeResult down(Instant checkedAt, Duration elapsed, String reason) {
        return new ProbeResult(false, checkedAt, elapsed, Optional.of(reason), OptionalLong.empty(),
                OptionalLong.empty());
    }

    /**
     * This result with a queue's counts.
     *
     * @param pendingCount the messages waiting
     * @param deadCount    the dead letters
     * @return the new result
     */
    ProbeResult withCounts(long pendingCount, long deadCount) {
        return new ProbeResult(up, checkedAt, elapsed, reason, OptionalLong.of(pendingCount), OptionalLong.of(deadCount));
    }

    /**
     * The most specific error id of the reason: the last {@code CDIMAIL-nnnnn} in it (a failure
     * wraps its cause's message after its own id).
     *
     * @return the id, such as {@code CDIMAIL-00291}; empty when up
     */
    public Optional<String> reasonId() {
        return reason.map(text -> {
            Matcher matcher = ID.matcher(text);
            String last = null;
            while (matcher.find()) {
                last = matcher.group();
            }
            return last;
        });
    }
}

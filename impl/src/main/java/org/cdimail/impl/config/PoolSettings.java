package org.cdimail.impl.config;

import java.time.Duration;

/**
 * The SMTP connection pool of one alias ({@code mail.<alias>.pool.*}).
 *
 * @param maxConnections           {@code pool.max-connections}: 0 for no pool
 * @param idleTimeout              {@code pool.idle-timeout}
 * @param maxMessagesPerConnection {@code pool.max-messages-per-connection}: 0 for no limit
 */
public record PoolSettings(int maxConnections, Duration idleTimeout, int maxMessagesPerConnection) {

    /** Whether connections are pooled at all. */
    public boolean enabled() {
        return maxConnections > 0;
    }
}

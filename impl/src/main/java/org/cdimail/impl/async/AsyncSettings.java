package org.cdimail.impl.async;

import java.time.Duration;

import org.cdimail.impl.config.MailConfig;
import org.cdimail.impl.config.MailKey;

/**
 * The container-wide settings of asynchronous sending.
 *
 * @param threads         {@code mail.async.threads}: threads of cdi-mail's own executor
 * @param maxPending      {@code mail.async.max-pending}: sends accepted and not finished, at most
 * @param shutdownTimeout {@code mail.async.shutdown-timeout}: how long pending sends may finish at shutdown
 */
public record AsyncSettings(int threads, int maxPending, Duration shutdownTimeout) {

    /**
     * Reads the settings.
     *
     * @param config the configuration
     * @return the settings
     * @throws org.cdimail.impl.config.InvalidSettingException naming the key whose value cannot be used
     */
    public static AsyncSettings from(MailConfig config) {
        return new AsyncSettings(config.containerInt(MailKey.ASYNC_THREADS, 1),
                config.containerInt(MailKey.ASYNC_MAX_PENDING, 1), config.containerDuration(MailKey.ASYNC_SHUTDOWN_TIMEOUT));
    }
}

package org.cdimail.cli;

import static org.cdimail.cli.CliError.ALIAS_NOT_QUEUED;

import org.cdimail.impl.config.MailKey;
import org.cdimail.queue.AliasQueue;
import org.cdimail.spi.EmailBackend;

/** The queue of an alias for the queue commands, or a usage error naming the key that would make it queued. */
final class QueuedAlias {

    private QueuedAlias() {
    }

    static AliasQueue of(EmailBackend connection, AliasView view) {
        return AliasQueue.of(connection).orElseThrow(() -> CliException.usage(ALIAS_NOT_QUEUED.message(view.describe()
                + " is not queued: set " + view.key(MailKey.QUEUE_ENABLED) + "=true")));
    }
}

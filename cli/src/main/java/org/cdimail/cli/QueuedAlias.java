package org.cdimail.cli;

import org.cdimail.impl.config.MailKey;
import org.cdimail.queue.AliasQueue;
import org.cdimail.spi.EmailBackend;

/** The queue of an alias for the queue commands, or a usage error naming the key that would make it queued. */
final class QueuedAlias {

    private QueuedAlias() {
    }

    static AliasQueue of(EmailBackend connection, AliasView view) {
        return AliasQueue.of(connection).orElseThrow(() -> CliException.usage("CDIMAIL-00450: " + view.describe()
                + " is not queued: set " + view.key(MailKey.QUEUE_ENABLED) + "=true"));
    }
}

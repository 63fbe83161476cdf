package org.cdimail.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import jakarta.enterprise.inject.spi.BeanManager;

import org.cdimail.impl.MailExtension;
import org.cdimail.impl.monitor.AliasMonitor;

/**
 * The queued aliases in use and how to read their queue depth; empty without the queue artifact.
 * Names no metrics API.
 */
final class QueuedAliases {

    private static final String QUEUE = "org.cdimail.queue.AliasQueue";

    private QueuedAliases() {
    }

    /**
     * @param beanManager the container's bean manager
     * @return per queued alias, a reader of its depth (NaN when the broker cannot be asked)
     */
    static Map<String, Supplier<Double>> depths(BeanManager beanManager) {
        Map<String, Supplier<Double>> depths = new TreeMap<>();
        if (!present()) {
            return depths;
        }
        MailExtension mail = beanManager.getExtension(MailExtension.class);
        for (String alias : mail.aliasesInUse()) {
            AliasMonitor monitor;
            try {
                monitor = mail.monitor(alias);
            } catch (IllegalArgumentException | IllegalStateException e) {
                continue; // a deployment problem of cdi-mail's own
            }
            if (monitor.queued()) {
                depths.put(alias, QueueDepth.of(monitor)); // loads the queue's classes only here
            }
        }
        return depths;
    }

    private static boolean present() {
        try {
            Class.forName(QUEUE, false, QueuedAliases.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}

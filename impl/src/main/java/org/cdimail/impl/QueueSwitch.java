package org.cdimail.impl;

import static org.cdimail.impl.ImplError.QUEUE_ARTIFACT_MISSING;
import static org.cdimail.impl.ImplError.QUEUE_SWITCH_NOT_BOOLEAN;

import java.util.Iterator;
import java.util.Locale;
import java.util.ServiceLoader;

import org.cdimail.impl.backend.AliasContext;
import org.cdimail.impl.backend.QueueHook;
import org.cdimail.impl.config.InvalidSettingException;
import org.cdimail.impl.config.MailKey;
import org.cdimail.spi.BackendFactory;

/**
 * Puts the durable queue in front of an alias whose {@code queue.enabled} is {@code true}: its
 * backend's factory is handed to the {@link QueueHook} of the {@code cdi-mail-queue} artifact,
 * found with {@link ServiceLoader}. Without that artifact the alias fails the deployment, naming
 * the key and the artifact. An alias without the key costs one configuration look-up.
 */
final class QueueSwitch {

    /** The artifact that provides the queue. */
    static final String ARTIFACT = "org.cdimail:cdi-mail-queue";

    private QueueSwitch() {
    }

    /**
     * The factory the alias's connections come from.
     *
     * @param context    the alias
     * @param delivering its backend's factory
     * @return {@code delivering}, or the queue's factory in front of it
     * @throws InvalidSettingException naming the key, if the value is not a boolean or the queue is missing
     */
    static BackendFactory apply(AliasContext context, BackendFactory delivering) {
        String key = context.keyOf(MailKey.QUEUE_ENABLED);
        String value = context.config().lookup(context.alias(), MailKey.QUEUE_ENABLED).orElse("false")
                .strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals("false")) {
            return delivering;
        }
        if (!value.equals("true")) {
            throw new InvalidSettingException(key, QUEUE_SWITCH_NOT_BOOLEAN.message(key + " must be true or false"));
        }
        Iterator<QueueHook> hooks = ServiceLoader.load(QueueHook.class, QueueSwitch.class.getClassLoader()).iterator();
        if (!hooks.hasNext()) {
            delivering.close();
            throw new InvalidSettingException(key, QUEUE_ARTIFACT_MISSING.message(key + "=true needs the durable queue: add "
                    + ARTIFACT + " (and ActiveMQ Artemis) to the class path"));
        }
        return hooks.next().wrap(context, delivering);
    }
}

package org.cdimail.cli;

import org.cdimail.EmailMessage;
import org.cdimail.impl.config.MailConfig;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.impl.mime.RenderSettings;
import org.cdimail.inject.Backend;
import org.eclipse.microprofile.config.Config;

/**
 * Checks a message's SMTP envelope (sender and recipients) before it joins a batch, with the
 * library's own rules for the alias, so that an address no backend could use is reported as
 * that line's fault instead of failing the batch it was sent in.
 */
@FunctionalInterface
interface EnvelopeCheck {

    /** Checks nothing: for backends that take any message. */
    EnvelopeCheck NONE = message -> {
    };

    /**
     * Checks a message.
     *
     * @param message the message
     * @throws IllegalArgumentException naming the header (From, To, Cc or Bcc), never the address
     */
    void check(EmailMessage message);

    /**
     * The check of an alias: its default sender, IDNA domains, the renderer's address rules.
     *
     * @param config the command's configuration
     * @param alias  the alias, or {@code null} for the default one
     * @return the check
     */
    static EnvelopeCheck forAlias(Config config, String alias) {
        MimeRenderer renderer = new MimeRenderer(RenderSettings.from(
                new MailConfig(config).lookupFor(alias == null ? Backend.DEFAULT : alias)));
        return renderer::envelope;
    }
}

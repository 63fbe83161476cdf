package org.cdimail.cli;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.cdimail.Mailer;

/**
 * The command's only bean: it has the {@link Mailer} injected exactly as an application's bean
 * would ({@code @Inject Mailer mailer}).
 */
@Dependent
class MailerClient {

    @Inject
    Mailer mailer;

    Mailer mailer() {
        return mailer;
    }
}

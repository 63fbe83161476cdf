package org.cdimail.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdimail.Mailer;

/** The application of the tests: injects the default alias's mailer, as an application does. */
@ApplicationScoped
public class MailerClient {

    @Inject
    Mailer mailer;

    Mailer mailer() {
        return mailer;
    }
}

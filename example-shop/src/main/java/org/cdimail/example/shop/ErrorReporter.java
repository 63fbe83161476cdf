package org.cdimail.example.shop;

import java.io.PrintWriter;
import java.io.StringWriter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdimail.Mailer;
import org.cdimail.SendOptions;

/**
 * Mails the admins ({@code mail.admins}) about an error, with its stack trace: what Django's
 * {@code AdminEmailHandler} does with {@code mail_admins}.
 */
@ApplicationScoped
public class ErrorReporter {

    @Inject
    Mailer mailer;

    /**
     * Mails the admins, failing silently as Django does: a broken mail relay must not hide the
     * error being reported.
     *
     * @param where what failed, for the subject
     * @param error the error
     */
    public void report(String where, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        mailer.mailAdmins("Error in " + where, trace.toString(), SendOptions.builder().failSilently(true).build());
    }
}

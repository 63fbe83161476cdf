package org.cdimail.example.shop;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.cdimail.EmailMessage;
import org.cdimail.Mailer;

/**
 * Registers a customer and mails a welcome through the {@code default} alias: plain text, an
 * HTML alternative and a one-page PDF, as Django's {@code EmailMultiAlternatives} would.
 */
@ApplicationScoped
public class Signup {

    @Inject
    Mailer mailer;

    /**
     * Registers a customer and sends the welcome mail.
     *
     * @param email the customer's address
     */
    public void register(String email) {
        EmailMessage welcome = EmailMessage.builder()
                .subject("Welcome to the shop")
                .body("Hello,\n\nthank you for signing up. Your welcome voucher is attached.\n")
                .to(email)
                .attachAlternative("<p>Hello,</p><p>thank you for signing up."
                        + " Your <strong>welcome voucher</strong> is attached.</p>", "text/html")
                .attach("welcome.pdf", WelcomePdf.create("Welcome to the shop!"), "application/pdf")
                .build();
        mailer.send(welcome);
    }
}

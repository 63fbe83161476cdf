package org.cdimail.example;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.cdimail.Mailer;
import org.cdimail.inject.Backend;

/**
 * Newsletter subscriptions, confirmed by a mail through the {@code bulk} alias in the background
 * ({@link Mailer#async()}): the request returns at once, however slow the relay; the outcome is
 * logged (and seen by {@link MailActivity}) when it comes.
 */
@Path("newsletter")
@RequestScoped
public class NewsletterResource {

    private static final System.Logger LOG = System.getLogger(NewsletterResource.class.getName());

    @Inject
    @Backend("bulk")
    Mailer bulk;

    /**
     * Subscribes an address and mails the confirmation without waiting for it.
     *
     * @param email the subscriber's address
     * @return 202 Accepted, before the mail is sent
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response subscribe(@FormParam("email") String email) {
        if (email == null || email.isBlank()) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        bulk.async().sendMail("You are subscribed", "You will get the Example Shop newsletter.\n", null, List.of(email))
                .whenComplete((receipt, failure) -> {
                    if (failure != null) {
                        LOG.log(System.Logger.Level.WARNING, "Newsletter confirmation failed", failure);
                    } else {
                        LOG.log(System.Logger.Level.INFO, "Newsletter confirmation: {0}", receipt.status());
                    }
                });
        return Response.accepted().build();
    }
}

package org.cdimail.example;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The {@link MailActivity} log over HTTP, for an operator's look (and the tests). */
@Path("mail-activity")
@RequestScoped
public class MailActivityResource {

    @Inject
    MailActivity activity;

    /**
     * The entries.
     *
     * @return one entry per line, oldest first
     */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String list() {
        return activity.entries().stream().map(entry -> entry + "\n").reduce("", String::concat);
    }

    /**
     * Forgets the entries.
     *
     * @return 204
     */
    @DELETE
    public Response clear() {
        activity.clear();
        return Response.noContent().build();
    }
}

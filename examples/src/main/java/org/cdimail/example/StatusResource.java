package org.cdimail.example;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Answers once the application is deployed: what load balancers and the tests poll. */
@Path("status")
public class StatusResource {

    /**
     * The application's status.
     *
     * @return {@code "ok"}
     */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String status() {
        return "ok";
    }
}

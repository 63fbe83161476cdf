package org.cdimail.it.queueapp;

import java.sql.SQLException;

import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.cdimail.queue.AliasQueue;
import org.cdimail.spi.EmailBackend;

/** {@code POST /api/signup} (email, rollback), {@code GET /api/signup/rows?email=}, {@code GET /api/signup/queue}. */
@Path("signup")
@Produces(MediaType.TEXT_PLAIN)
public class SignUpResource {

    @Inject
    SignUps signUps;

    @POST
    public Response signUp(@FormParam("email") String email, @FormParam("rollback") boolean rollback) throws SQLException {
        try {
            signUps.signUp(email, rollback);
            return Response.status(201).entity("committed").build();
        } catch (SignUps.RolledBack e) {
            return Response.status(409).entity("rolled back").build();
        }
    }

    @GET
    @Path("rows")
    public String rows(@QueryParam("email") String email) throws SQLException {
        return Integer.toString(signUps.rows(email));
    }

    /** Whether the default alias's enqueue joins JTA transactions, and its pending count: {@code joins=true pending=0}. */
    @GET
    @Path("queue")
    public String queue() {
        try (EmailBackend connection = signUps.mailer().connection()) {
            AliasQueue queue = AliasQueue.of(connection).orElseThrow();
            return "joins=" + queue.enqueueJoinsTransaction() + " pending=" + queue.pending() + " dead=" + queue.dead();
        }
    }
}

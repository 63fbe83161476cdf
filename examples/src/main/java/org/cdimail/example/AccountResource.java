package org.cdimail.example;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Accounts stored in the database with a welcome mail in the same JTA transaction
 * ({@link Accounts#register}).
 */
@Path("accounts")
@RequestScoped
public class AccountResource {

    @Inject
    Accounts accounts;

    /**
     * Registers an account.
     *
     * @param email the address
     * @param name  the name
     * @param abort {@code true} to make the registration fail after the mail was handed over
     * @return 201 when stored (the welcome mail follows the commit); 409 when aborted (rolled
     *         back: no account, no mail)
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response register(@FormParam("email") String email, @FormParam("name") String name,
            @FormParam("abort") boolean abort) {
        if (email == null || email.isBlank() || name == null || name.isBlank()) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        try {
            accounts.register(email, name, abort);
            return Response.status(Response.Status.CREATED).build();
        } catch (Accounts.SignUpAborted rolledBack) {
            return Response.status(Response.Status.CONFLICT).entity("rolled back").type(MediaType.TEXT_PLAIN).build();
        }
    }

    /**
     * How many accounts an address has.
     *
     * @param email the address
     * @return the count, as text
     */
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String count(@QueryParam("email") String email) {
        return Integer.toString(accounts.count(email == null ? "" : email));
    }
}

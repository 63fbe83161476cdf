package org.cdimail.example;

import java.net.URI;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.cdimail.Mailer;
import org.cdimail.SendOptions;

/**
 * Sign-up: mails an activation link as plain text with an HTML alternative, through the
 * {@code default} alias; the link activates the account once.
 */
@Path("signup")
@RequestScoped
public class SignUpResource {

    @Inject
    Mailer mailer;

    @Inject
    OneTimeTokens tokens;

    @Context
    UriInfo uriInfo;

    /**
     * Registers an account and mails its activation link.
     *
     * @param email the new user's address
     * @param name  the new user's name
     * @return 202 Accepted
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signUp(@FormParam("email") String email, @FormParam("name") String name) {
        if (email == null || email.isBlank() || name == null || name.isBlank()) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        URI link = uriInfo.getBaseUriBuilder().path("signup/activation")
                .queryParam("token", tokens.issue("activation", email)).build();
        String text = "Hello " + name + ",\n\nplease activate your account by opening this link:\n" + link
                + "\n\nIf you did not sign up, ignore this mail.\n";
        String html = "<p>Hello " + Html.escape(name) + ",</p>"
                + "<p>please <a href=\"" + Html.escape(link.toString()) + "\">activate your account</a>.</p>"
                + "<p>If you did not sign up, ignore this mail.</p>";
        mailer.sendMail("Activate your account", text, null, List.of(email),
                SendOptions.builder().htmlMessage(html).build());
        return Response.accepted().build();
    }

    /**
     * Activates the account a link was mailed for.
     *
     * @param token the token from the link
     * @return 200 with the account, or 404 for an unknown or used token
     */
    @GET
    @Path("activation")
    @Produces(MediaType.TEXT_PLAIN)
    public Response activate(@QueryParam("token") String token) {
        return tokens.redeem("activation", token == null ? "" : token)
                .map(account -> Response.ok("activated " + account).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build());
    }
}

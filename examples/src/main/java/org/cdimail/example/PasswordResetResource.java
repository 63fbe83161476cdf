package org.cdimail.example;

import java.net.URI;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.cdimail.Mailer;
import org.cdimail.SendOptions;
import org.cdimail.inject.Backend;

/**
 * Password reset: security mail goes through the {@code transactional} alias, configured in
 * {@code META-INF/microprofile-config.properties} apart from the {@code default} alias (its own
 * sender, and in production its own relay).
 */
@Path("password-reset")
@RequestScoped
public class PasswordResetResource {

    @Inject
    @Backend("transactional")
    Mailer transactional;

    @Inject
    OneTimeTokens tokens;

    @Context
    UriInfo uriInfo;

    /**
     * Mails a password-reset link. The answer is the same whether or not the account exists, so
     * that the endpoint does not reveal which addresses are registered.
     *
     * @param email the account's address
     * @return 202 Accepted
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response requestReset(@FormParam("email") String email) {
        if (email == null || email.isBlank()) {
            return Response.status(Response.Status.BAD_REQUEST).build();
        }
        URI link = uriInfo.getBaseUriBuilder().path("password-reset/confirm")
                .queryParam("token", tokens.issue("reset", email)).build();
        String text = "Someone asked to reset the password of this account.\n\nChoose a new password here:\n"
                + link + "\n\nIf it was not you, ignore this mail: nothing changes.\n";
        String html = "<p>Someone asked to reset the password of this account.</p>"
                + "<p><a href=\"" + Html.escape(link.toString()) + "\">Choose a new password</a></p>"
                + "<p>If it was not you, ignore this mail: nothing changes.</p>";
        transactional.sendMail("Reset your password", text, null, List.of(email),
                SendOptions.builder().htmlMessage(html).build());
        return Response.accepted().build();
    }
}

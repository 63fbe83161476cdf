package org.cdimail.example;

import java.io.PrintWriter;
import java.io.StringWriter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.cdimail.Mailer;
import org.cdimail.SendOptions;

/**
 * Mails the admins ({@code mail.admins}) about every request that ends in a server error, with
 * the stack trace as text and HTML: what Django's {@code AdminEmailHandler} does. Client errors
 * (4xx) pass through unmailed.
 */
@Provider
@ApplicationScoped
public class AdminErrorNotifier implements ExceptionMapper<Exception> {

    private static final System.Logger LOG = System.getLogger(AdminErrorNotifier.class.getName());

    @Inject
    Mailer mailer;

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Exception exception) {
        if (exception instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return web.getResponse();
        }
        LOG.log(System.Logger.Level.ERROR, "Request failed", exception);
        StringWriter trace = new StringWriter();
        exception.printStackTrace(new PrintWriter(trace));
        String path = uriInfo.getRequestUri().getPath();
        // Fail silently, as Django does: a broken mail relay must not hide the original error.
        mailer.mailAdmins("Internal Server Error: " + path, trace.toString(),
                SendOptions.builder().failSilently(true)
                        .htmlMessage("<h1>Internal Server Error: " + Html.escape(path) + "</h1><pre>"
                                + Html.escape(trace.toString()) + "</pre>")
                        .build());
        return Response.serverError().build();
    }
}

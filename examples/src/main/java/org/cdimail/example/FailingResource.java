package org.cdimail.example;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** Fails on purpose, to show {@link AdminErrorNotifier} at work. */
@Path("failure")
public class FailingResource {

    /**
     * Always throws.
     *
     * @return never
     */
    @POST
    public String fail() {
        throw new IllegalStateException("the example's demonstration failure");
    }
}

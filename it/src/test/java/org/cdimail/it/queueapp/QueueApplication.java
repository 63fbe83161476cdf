package org.cdimail.it.queueapp;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS application, under {@code /api}. */
@ApplicationPath("api")
public class QueueApplication extends Application {
}

package org.cdimail.it.server;

import java.net.URI;

/** A started application server with WARs deployed, as the tests see it. */
public interface AppServer extends AutoCloseable {

    /**
     * The server's name, for messages.
     *
     * @return e.g. {@code "WildFly"}
     */
    String name();

    /**
     * The base URI of a deployed WAR.
     *
     * @param contextRoot the context root (the WAR's file name without {@code .war})
     * @return e.g. {@code http://127.0.0.1:8123/cdi-mail-example/}
     */
    URI application(String contextRoot);

    /**
     * The server's MicroProfile Health readiness endpoint, with every deployment's checks.
     *
     * @return e.g. {@code http://127.0.0.1:9990/health/ready}
     */
    URI healthReady();

    /**
     * Where the server publishes its and the applications' metrics in the Prometheus text format.
     *
     * @return e.g. {@code http://127.0.0.1:8123/metrics}
     */
    URI metrics();

    /**
     * Everything the server has logged so far.
     *
     * @return the log
     */
    String log();

    /** Stops the server by PID. */
    @Override
    void close();
}

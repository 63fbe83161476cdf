package org.cdimail.it.server;

/**
 * The outcome of deploying one WAR.
 *
 * @param succeeded whether the server deployed it
 * @param failure   the server's description of the failure, empty when deployed
 */
public record Deployment(boolean succeeded, String failure) {

    static Deployment deployed() {
        return new Deployment(true, "");
    }

    static Deployment failed(String description) {
        return new Deployment(false, description);
    }
}

package org.cdimail.it.tck;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.jboss.arquillian.container.spi.client.container.DeploymentExceptionTransformer;
import org.jboss.as.arquillian.container.ExceptionTransformer;

/**
 * Lets the TCK's {@code @ShouldThrowException(DeploymentException.class)} see a failed WildFly
 * deployment as what it is. WildFly reports a failure to the client as text (the failed
 * services and their causes), so the CDI {@link DeploymentException} that cdi-mail's extension
 * raised reaches Arquillian only by name; this rebuilds it from that text, keeping the message.
 */
public final class CdiDeploymentFailures implements DeploymentExceptionTransformer {

    private static final String CDI_FAILURE = DeploymentException.class.getName() + ": ";

    private final DeploymentExceptionTransformer wildFly = new ExceptionTransformer();

    @Override
    public Throwable transform(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            String message = t.getMessage();
            int at = message == null ? -1 : message.indexOf(CDI_FAILURE);
            if (at >= 0) {
                String cause = message.substring(at + CDI_FAILURE.length()).lines().findFirst().orElse("");
                return new DeploymentException(cause.replace("\\\"", "\"").replaceAll("\"+\\}+$", ""));
            }
        }
        return wildFly.transform(exception);
    }
}

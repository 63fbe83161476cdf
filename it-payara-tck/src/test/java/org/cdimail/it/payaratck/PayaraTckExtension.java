package org.cdimail.it.payaratck;

import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers {@link PayaraMicroForTheTck} in place of the Payara Micro adapter's own container, on the client. */
public final class PayaraTckExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.override(DeployableContainer.class, PayaraMicroDeployableContainer.class, PayaraMicroForTheTck.class);
    }
}

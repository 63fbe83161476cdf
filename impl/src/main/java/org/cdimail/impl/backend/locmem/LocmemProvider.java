package org.cdimail.impl.backend.locmem;

import org.cdimail.impl.backend.AliasContext;
import org.cdimail.spi.BackendContext;
import org.cdimail.spi.BackendFactory;
import org.cdimail.spi.BackendProvider;

/** Registers {@code locmem}, appending to the alias's outbox. */
public final class LocmemProvider implements BackendProvider {

    @Override
    public String name() {
        return "locmem";
    }

    @Override
    public BackendFactory configure(BackendContext context) {
        AliasContext alias = AliasContext.of(context);
        return connection -> new LocmemBackend(alias.outbox(), alias.mimeRenderer());
    }
}

package org.cdimail.impl.backend.dummy;

import org.cdimail.impl.backend.AliasContext;
import org.cdimail.impl.mime.MimeRenderer;
import org.cdimail.spi.BackendContext;
import org.cdimail.spi.BackendFactory;
import org.cdimail.spi.BackendProvider;

/** Registers {@code dummy}. */
public final class DummyProvider implements BackendProvider {

    @Override
    public String name() {
        return "dummy";
    }

    @Override
    public BackendFactory configure(BackendContext context) {
        MimeRenderer renderer = AliasContext.of(context).mimeRenderer();
        return connection -> new DummyBackend(renderer);
    }
}

package org.cdimail.impl.backend.console;

import org.cdimail.impl.backend.AliasContext;
import org.cdimail.spi.BackendContext;
import org.cdimail.spi.BackendFactory;
import org.cdimail.spi.BackendProvider;

/** Registers {@code console}, writing to the stream of {@code mail.console-stream}. */
public final class ConsoleProvider implements BackendProvider {

    @Override
    public String name() {
        return "console";
    }

    @Override
    public BackendFactory configure(BackendContext context) {
        AliasContext alias = AliasContext.of(context);
        var stream = ConsoleBackend.standardStream(alias.settings().consoleStream());
        return connection -> new ConsoleBackend(stream, alias.mimeRenderer(), connection.failSilently());
    }
}

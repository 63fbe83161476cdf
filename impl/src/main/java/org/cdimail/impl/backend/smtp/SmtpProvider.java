package org.cdimail.impl.backend.smtp;

import org.cdimail.impl.backend.AliasContext;
import org.cdimail.spi.BackendContext;
import org.cdimail.spi.BackendFactory;
import org.cdimail.spi.BackendProvider;
import org.cdimail.spi.EmailBackend;

/** Registers {@code smtp}: one {@link SmtpConnector} (settings, TLS, pool) per alias. */
public final class SmtpProvider implements BackendProvider {

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public BackendFactory configure(BackendContext context) {
        AliasContext alias = AliasContext.of(context);
        SmtpConnector connector = SmtpConnector.of(alias);
        return new BackendFactory() {
            @Override
            public EmailBackend connect(BackendContext connection) {
                return new SmtpBackend(connector, alias.mimeRenderer(), AliasContext.of(connection).options());
            }

            @Override
            public void close() {
                connector.close();
            }
        };
    }
}

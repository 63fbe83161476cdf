package org.cdimail.impl;

import java.util.List;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;
import org.cdimail.spi.EmailBackend;

/**
 * Gives a custom backend, which cannot be told, the fail-silently behaviour of a connection
 * obtained with {@code failSilently(true)}: delivery failures ({@link MailException}) count 0,
 * while header and address errors still propagate.
 */
final class FailSilentlyBackend implements EmailBackend {

    private final EmailBackend delegate;

    FailSilentlyBackend(EmailBackend delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean open() {
        try {
            return delegate.open();
        } catch (MailException e) {
            return false;
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public int sendMessages(List<EmailMessage> messages) {
        try {
            return delegate.sendMessages(messages);
        } catch (MailException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return "FailSilently[" + delegate + "]";
    }
}

package org.cdimail.tck.support;

import java.util.List;

import jakarta.enterprise.inject.Instance;

import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.spi.MailboxInspector;

/** The {@code dummy} backend keeps nothing: content checks are skipped for it. */
public final class DummyInspector implements MailboxInspector {

    @Override
    public String backend() {
        return "dummy";
    }

    @Override
    public List<DeliveredMail> delivered(Instance<Object> beans) {
        return List.of();
    }

    @Override
    public void clear(Instance<Object> beans) {
        // Nothing is kept, so nothing to forget.
    }

    @Override
    public boolean keepsMessages() {
        return false;
    }
}

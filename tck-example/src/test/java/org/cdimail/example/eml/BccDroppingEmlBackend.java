package org.cdimail.example.eml;

import java.util.List;

import jakarta.enterprise.context.Dependent;

import org.cdimail.EmailMessage;
import org.cdimail.spi.BackendType;

/**
 * A deliberately broken backend: it forgets Bcc recipients when it delivers, a classic bug. The
 * TCK must catch it; {@link BrokenBackendFailsTheTckTest} shows that it does.
 */
@Dependent
@BackendType("eml-without-bcc")
public class BccDroppingEmlBackend extends EmlBackend {

    @Override
    protected List<String> envelopeRecipients(EmailMessage message) {
        return message.toBuilder().bcc(List.of()).build().recipients().stream().map(EmlBackend::bare).toList();
    }
}

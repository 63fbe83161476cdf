package org.cdimail.tck.broken;

import java.util.List;

import jakarta.enterprise.context.Dependent;

import org.cdimail.EmailMessage;
import org.cdimail.spi.BackendType;
import org.cdimail.spi.EmailBackend;

/** One of two custom backends that claim the same name. */
@Dependent
@BackendType("twin")
public class FirstTwin implements EmailBackend {

    @Override
    public int sendMessages(List<EmailMessage> messages) {
        return 0;
    }
}

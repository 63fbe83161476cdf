package org.cdimail.tck.inject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.Dependent;

import org.cdimail.EmailMessage;
import org.cdimail.spi.BackendType;
import org.cdimail.spi.EmailBackend;

/**
 * A custom backend, as an application would write one: a CDI bean named by
 * {@code @BackendType("recording")} that keeps what it is given in a static list.
 */
@Dependent
@BackendType("recording")
public class RecordingBackend implements EmailBackend {

    /** Every message sent through any instance, oldest first. */
    public static final List<EmailMessage> SENT = new CopyOnWriteArrayList<>();

    @Override
    public int sendMessages(List<EmailMessage> messages) {
        List<EmailMessage> addressed = messages.stream().filter(m -> !m.recipients().isEmpty()).toList();
        SENT.addAll(addressed);
        return addressed.size();
    }
}

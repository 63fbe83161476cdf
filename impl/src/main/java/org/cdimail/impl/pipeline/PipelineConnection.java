package org.cdimail.impl.pipeline;

import java.util.List;

import org.cdimail.EmailMessage;
import org.cdimail.Receipt;
import org.cdimail.impl.backend.Stage;
import org.cdimail.spi.EmailBackend;

/**
 * A connection of an alias whose sends go through its {@link SendPipeline}. Opening and closing
 * are the backend's; {@link #sendMessages} counts the receipts of {@link #deliver}, as Django
 * counts. Thread-safe when the backend's connection is.
 */
final class PipelineConnection implements EmailBackend, Stage {

    private final EmailBackend connection;
    private final SendPipeline pipeline;
    private final boolean failSilently;

    PipelineConnection(EmailBackend connection, SendPipeline pipeline, boolean failSilently) {
        this.connection = connection;
        this.pipeline = pipeline;
        this.failSilently = failSilently;
    }

    @Override
    public boolean open() {
        return connection.open();
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public int sendMessages(List<EmailMessage> messages) {
        return Receipt.sentCount(deliver(messages));
    }

    @Override
    public List<Receipt> deliver(List<EmailMessage> messages) {
        List<EmailMessage> batch = List.copyOf(messages);
        if (batch.isEmpty()) {
            return connection.deliver(batch);
        }
        return pipeline.deliver(pipeline.plan(batch, failSilently), connection);
    }

    @Override
    public String toString() {
        return "Pipeline[" + connection + "]";
    }

    @Override
    public EmailBackend inner() {
        return connection;
    }
}

package org.cdimail.tck.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Instance;

import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.spi.MailboxInspector;

/**
 * Reads the {@code smtp} backend: starts a {@link RecordingSmtpServer} on a free loopback port
 * and points the alias at it ({@code host}, {@code port}).
 */
public final class SmtpInspector implements MailboxInspector {

    private final RecordingSmtpServer server = RecordingSmtpServer.start();

    @Override
    public String backend() {
        return "smtp";
    }

    /**
     * The server the alias delivers to.
     *
     * @return the server
     */
    public RecordingSmtpServer server() {
        return server;
    }

    @Override
    public Map<String, String> configuration(String alias) {
        Map<String, String> config = new HashMap<>(MailboxInspector.super.configuration(alias));
        config.put(MailboxInspector.key(alias, "host"), "127.0.0.1");
        config.put(MailboxInspector.key(alias, "port"), Integer.toString(server.port()));
        return config;
    }

    @Override
    public List<DeliveredMail> delivered(Instance<Object> beans) {
        return server.transactions().stream()
                .map(t -> DeliveredMail.of(t.data(), new DeliveredMail.Envelope(t.sender(), t.recipients())))
                .toList();
    }

    @Override
    public void clear(Instance<Object> beans) {
        server.clear();
    }

    /** The recording server answers {@code 550 5.1.1} to the recipient. */
    @Override
    public boolean refuse(String recipient) {
        server.refuse(recipient);
        return true;
    }

    @Override
    public boolean recordsEnvelope() {
        return true;
    }

    @Override
    public void close() {
        server.close();
    }
}

package org.cdimail.tck.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Instance;

import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.spi.MailboxInspector;

/**
 * Reads the {@code console} backend: configures {@code console-stream=stdout} and replaces
 * {@link System#out} with a buffer from deployment until {@link #close()}. The console backend
 * writes to the standard output of the moment it sends, as Django's does with
 * {@code sys.stdout}, so the buffer sees every message.
 */
public final class ConsoleInspector implements MailboxInspector {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream original = System.out;

    /** Creates the inspector and starts capturing standard output. */
    public ConsoleInspector() {
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    @Override
    public String backend() {
        return "console";
    }

    @Override
    public Map<String, String> configuration(String alias) {
        Map<String, String> config = new HashMap<>(MailboxInspector.super.configuration(alias));
        config.put(MailboxInspector.key(alias, "console-stream"), "stdout");
        return config;
    }

    /**
     * Everything written to standard output since the last clear.
     *
     * @return the bytes written
     */
    public byte[] output() {
        System.out.flush();
        synchronized (buffer) {
            return buffer.toByteArray();
        }
    }

    @Override
    public List<DeliveredMail> delivered(Instance<Object> beans) {
        return SeparatedMessages.split(output());
    }

    @Override
    public void clear(Instance<Object> beans) {
        System.out.flush();
        synchronized (buffer) {
            buffer.reset();
        }
    }

    @Override
    public void close() {
        System.setOut(original);
    }
}

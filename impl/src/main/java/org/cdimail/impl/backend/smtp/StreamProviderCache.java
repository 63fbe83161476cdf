package org.cdimail.impl.backend.smtp;

import static org.cdimail.impl.ImplError.STREAM_PROVIDER_CACHE;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Works around Jakarta Mail 2.1 looking its {@code StreamProvider} up with a {@code ServiceLoader}
 * (through the thread's context class loader) twice for every MIME part it writes
 * (jakartaee/mail-api#861): scanning every jar of the class path each time, about 40% of the CPU
 * of sending a small message, and a point where parallel senders queue on class-loader locks.
 *
 * <p>While a message is written to the connection, the context class loader is a child of the
 * usual one that answers that single service-file lookup from memory (read once from the usual
 * loader, so the same providers are found) and delegates everything else.
 */
final class StreamProviderCache extends ClassLoader {

    private static final String SERVICE_FILE = "META-INF/services/jakarta.mail.util.StreamProvider";

    static {
        // Parallel senders load the provider class through this loader: no loader-wide lock.
        ClassLoader.registerAsParallelCapable();
    }

    private final ClassLoader usual;
    private final List<URL> serviceFiles;

    private StreamProviderCache(ClassLoader usual) {
        super(usual);
        this.usual = usual;
        this.serviceFiles = copies(usual);
    }

    /**
     * The loader to use as context class loader while writing a message: {@code known} when it
     * wraps {@code usual}, else a new cache around {@code usual}; {@code null} when {@code usual}
     * is {@code null} (Jakarta Mail then falls back to its own loader, no lookup to cache).
     * Callers keep the result (per alias, so that no application's loader outlives it).
     */
    static StreamProviderCache around(ClassLoader usual, StreamProviderCache known) {
        if (usual == null) {
            return null;
        }
        return known != null && known.usual == usual ? known : new StreamProviderCache(usual);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return SERVICE_FILE.equals(name) ? Collections.enumeration(serviceFiles) : super.getResources(name);
    }

    /** The service files the usual loader finds, as URLs of in-memory copies. */
    private static List<URL> copies(ClassLoader usual) {
        List<URL> copies = new ArrayList<>();
        try {
            Enumeration<URL> found = usual.getResources(SERVICE_FILE);
            while (found.hasMoreElements()) {
                URL url = found.nextElement();
                byte[] content;
                try (InputStream in = url.openStream()) {
                    content = in.readAllBytes();
                }
                copies.add(new URL(null, "cdi-mail-cached:" + url, new InMemory(content)));
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(
                    STREAM_PROVIDER_CACHE.message("cannot cache the Jakarta Mail StreamProvider lookup"), e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    STREAM_PROVIDER_CACHE.message("cannot cache the Jakarta Mail StreamProvider lookup"), e);
        }
        return List.copyOf(copies);
    }

    /** Serves one service file's bytes. */
    private static final class InMemory extends URLStreamHandler {

        private final byte[] content;

        InMemory(byte[] content) {
            this.content = content;
        }

        @Override
        protected URLConnection openConnection(URL url) {
            return new URLConnection(url) {
                @Override
                public void connect() {
                    connected = true;
                }

                @Override
                public InputStream getInputStream() {
                    return new ByteArrayInputStream(content);
                }
            };
        }
    }
}

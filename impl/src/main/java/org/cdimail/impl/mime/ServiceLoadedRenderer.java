package org.cdimail.impl.mime;

import static org.cdimail.impl.ImplError.NO_MICROPROFILE_CONFIG;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.WeakHashMap;

import jakarta.mail.internet.MimeMessage;

import org.cdimail.EmailMessage;
import org.cdimail.spi.MessageRenderer;

/**
 * The {@link MessageRenderer} behind {@link EmailMessage#message()} and
 * {@link EmailMessage#writeTo(OutputStream)}, which work without CDI. Settings come from the
 * default alias's MicroProfile Config keys when a Config implementation is present, else from
 * {@link RenderSettings#defaults()}. They are read once per context class loader (each
 * application of a server has its own), as MicroProfile Config itself caches per class loader.
 */
public final class ServiceLoadedRenderer implements MessageRenderer {

    private static final System.Logger LOG = System.getLogger(ServiceLoadedRenderer.class.getName());

    private final Map<ClassLoader, MimeRenderer> renderers = new WeakHashMap<>();
    private MimeRenderer withoutClassLoader;

    /** Created by {@link java.util.ServiceLoader}. */
    public ServiceLoadedRenderer() {
    }

    @Override
    public MimeMessage render(EmailMessage message) {
        return renderer().render(message, null);
    }

    @Override
    public void writeTo(EmailMessage message, OutputStream out) throws IOException {
        renderer().writeTo(message, out);
    }

    private synchronized MimeRenderer renderer() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            if (withoutClassLoader == null) {
                withoutClassLoader = new MimeRenderer(settings());
            }
            return withoutClassLoader;
        }
        return renderers.computeIfAbsent(loader, l -> new MimeRenderer(settings()));
    }

    private static RenderSettings settings() {
        try {
            return MicroProfileSettings.read();
        } catch (IllegalStateException | NoClassDefFoundError | ServiceConfigurationError e) {
            // No MicroProfile Config API or no implementation: Django's defaults apply.
            LOG.log(Level.DEBUG,
                    NO_MICROPROFILE_CONFIG.message("no MicroProfile Config available; rendering with default settings"));
            return RenderSettings.defaults();
        }
    }
}

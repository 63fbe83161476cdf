package org.cdimail.impl.mime;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads {@link RenderSettings} from MicroProfile Config. Kept apart from
 * {@link ServiceLoadedRenderer} so that the Config API is only loaded when this class is used:
 * without the API on the class path, calling it throws {@link NoClassDefFoundError}.
 */
final class MicroProfileSettings {

    private MicroProfileSettings() {
    }

    /**
     * The default alias's settings.
     *
     * @throws IllegalStateException if no Config implementation is present
     */
    static RenderSettings read() {
        Config config = ConfigProvider.getConfig();
        return RenderSettings.from(key -> config.getOptionalValue(key, String.class));
    }
}

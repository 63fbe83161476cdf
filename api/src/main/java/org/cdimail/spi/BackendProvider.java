package org.cdimail.spi;

/**
 * Registers a backend by name, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.cdimail.spi.BackendProvider}). cdi-mail's own backends
 * ({@code smtp}, {@code console}, {@code file}, {@code locmem}, {@code dummy}) are registered this
 * way, so a new one is a package and a line in that file.
 *
 * <p>Each container creates its own provider instances. For every alias that selects the
 * provider's {@link #name()}, {@link #configure(BackendContext)} is called once at deployment: it
 * checks the alias's settings (a problem fails the deployment) and returns the factory of the
 * alias's connections.
 */
public interface BackendProvider {

    /**
     * The backend name that {@code mail.<alias>.backend} selects. Names of cdi-mail's own backends
     * and of {@link BackendType @BackendType} beans <em>must not</em> be reused.
     *
     * @return the name
     */
    String name();

    /**
     * Checks an alias's settings and prepares what its connections share (a pool, a directory).
     *
     * @param alias the alias, with the configured credentials and no fail-silently
     * @return the factory of the alias's connections
     * @throws IllegalArgumentException naming the key ({@link BackendContext#settingKey(String)})
     *                                  when the alias's configuration cannot be used
     */
    BackendFactory configure(BackendContext alias);
}

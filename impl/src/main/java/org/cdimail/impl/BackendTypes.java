package org.cdimail.impl;

import static org.cdimail.impl.ImplError.BUILT_IN_BACKEND_NAME;
import static org.cdimail.impl.ImplError.DUPLICATE_BACKEND_NAME;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

import org.cdimail.spi.BackendProvider;

/**
 * The backends one container knows, by name: the {@link BackendProvider}s found through
 * {@link ServiceLoader} (cdi-mail's own, registered in its {@code META-INF/services}, and any on
 * the application's class path) and the {@code @BackendType} beans. Names claimed twice are
 * {@link #problems() problems} for the deployment.
 */
final class BackendTypes {

    private static final String OWN_PACKAGE = "org.cdimail.impl.";

    private final Map<String, BackendProvider> providers = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    /**
     * Loads the service providers and adds the CDI ones.
     *
     * @param cdiBackends providers of the {@code @BackendType} beans
     */
    BackendTypes(List<BackendProvider> cdiBackends) {
        Set<Class<?>> seen = new HashSet<>();
        List<BackendProvider> found = new ArrayList<>();
        load(ServiceLoader.load(BackendProvider.class, BackendTypes.class.getClassLoader()), seen, found);
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        if (tccl != null) {
            load(ServiceLoader.load(BackendProvider.class, tccl), seen, found);
        }
        found.addAll(cdiBackends);
        for (BackendProvider provider : found) {
            BackendProvider before = providers.putIfAbsent(provider.name(), provider);
            if (before != null) {
                BackendProvider own = isBuiltin(before) ? before : isBuiltin(provider) ? provider : null;
                BackendProvider other = own == before ? provider : before;
                problems.add(own != null
                        ? BUILT_IN_BACKEND_NAME.message(describe(other) + " claims the built-in backend name '"
                                + provider.name() + "'; choose another name")
                        : DUPLICATE_BACKEND_NAME.message("two backends claim the name '" + provider.name() + "': "
                                + describe(before) + ", " + describe(provider)));
                if (own != null) {
                    providers.put(provider.name(), own);
                }
            }
        }
    }

    private static void load(ServiceLoader<BackendProvider> loader, Set<Class<?>> seen, List<BackendProvider> into) {
        for (BackendProvider provider : loader) {
            if (seen.add(provider.getClass())) {
                into.add(provider);
            }
        }
    }

    private static boolean isBuiltin(BackendProvider provider) {
        return provider.getClass().getName().startsWith(OWN_PACKAGE) && !(provider instanceof CdiBackendProvider);
    }

    private static String describe(BackendProvider provider) {
        return provider instanceof CdiBackendProvider cdi ? cdi.beanClasses() : provider.getClass().getName();
    }

    /**
     * The provider of a backend name.
     *
     * @param name the backend name
     * @return the provider, if known
     */
    Optional<BackendProvider> provider(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    boolean isBackend(String name) {
        return providers.containsKey(name);
    }

    /** Whether a name is one of cdi-mail's own backends, which never need fail-silently applied around them. */
    boolean isBuiltin(String name) {
        BackendProvider provider = providers.get(name);
        return provider != null && isBuiltin(provider);
    }

    /** @return every backend name, sorted */
    Set<String> names() {
        return providers.keySet();
    }

    /** @return the deployment problems: names claimed twice */
    List<String> problems() {
        return List.copyOf(problems);
    }
}

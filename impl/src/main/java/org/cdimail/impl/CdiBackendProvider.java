package org.cdimail.impl;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.spi.Bean;

import org.cdimail.spi.BackendContext;
import org.cdimail.spi.BackendFactory;
import org.cdimail.spi.BackendProvider;
import org.cdimail.spi.EmailBackend;

/**
 * A {@code @BackendType("name")} bean as a {@link BackendProvider}: each connection is a new bean
 * instance, created while its {@link BackendContext} is {@link #current() current} on the thread,
 * so that the bean can inject it.
 */
final class CdiBackendProvider implements BackendProvider {

    private static final ThreadLocal<BackendContext> CURRENT = new ThreadLocal<>();

    private final String name;
    private final List<Bean<?>> beans;
    private final Supplier<EmailBackend> instances;

    CdiBackendProvider(String name, List<Bean<?>> beans, Supplier<EmailBackend> instances) {
        this.name = name;
        this.beans = List.copyOf(beans);
        this.instances = instances;
    }

    /**
     * The context of the connection being created on this thread.
     *
     * @return the context, or empty outside the creation of a {@code @BackendType} bean
     */
    static Optional<BackendContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BackendFactory configure(BackendContext alias) {
        return connection -> {
            BackendContext outer = CURRENT.get();
            CURRENT.set(connection);
            try {
                return instances.get();
            } finally {
                if (outer == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(outer);
                }
            }
        };
    }

    /** @return the bean classes, for messages */
    String beanClasses() {
        return beans.stream().map(b -> b.getBeanClass().getName()).sorted().collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "CdiBackendProvider[" + name + "]";
    }
}

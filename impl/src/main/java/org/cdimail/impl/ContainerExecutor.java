package org.cdimail.impl;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The container's executor for background work: Jakarta Concurrency's default
 * {@code ManagedExecutorService}, looked up in JNDI on first use and remembered. Outside an
 * application server (no JNDI, or no such entry) there is none.
 */
final class ContainerExecutor implements Supplier<Optional<Executor>> {

    static final String DEFAULT_NAME = "java:comp/DefaultManagedExecutorService";

    private volatile Optional<Executor> found;

    @Override
    public Optional<Executor> get() {
        Optional<Executor> known = found;
        if (known == null) {
            known = lookUp();
            found = known;
        }
        return known;
    }

    private static Optional<Executor> lookUp() {
        try {
            Object bound = new InitialContext().lookup(DEFAULT_NAME);
            return bound instanceof Executor executor ? Optional.of(executor) : Optional.empty();
        } catch (NamingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

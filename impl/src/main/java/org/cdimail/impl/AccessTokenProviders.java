package org.cdimail.impl;

import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

import org.cdimail.inject.Backend;
import org.cdimail.spi.AccessTokenProvider;

/**
 * Finds an alias's {@link AccessTokenProvider}: the bean qualified {@code @Backend(alias)}, or for
 * the {@code default} alias also an unqualified one. Looked up when the alias is resolved (at
 * deployment for the aliases in use), so an ambiguous choice fails there.
 */
final class AccessTokenProviders implements Function<String, Optional<AccessTokenProvider>> {

    private final BeanManager beanManager;

    AccessTokenProviders(BeanManager beanManager) {
        this.beanManager = beanManager;
    }

    @Override
    public Optional<AccessTokenProvider> apply(String alias) {
        Instance<AccessTokenProvider> all = beanManager.createInstance().select(AccessTokenProvider.class);
        Instance<AccessTokenProvider> own = all.select(Backend.Literal.of(alias));
        if (own.isUnsatisfied() && Backend.DEFAULT.equals(alias)) {
            own = all.select(Default.Literal.INSTANCE);
        }
        return own.isUnsatisfied() ? Optional.empty() : Optional.of(own.get());
    }
}

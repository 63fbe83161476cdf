package org.cdimail.impl;

import static org.cdimail.impl.ImplError.AMBIGUOUS_TOKEN_PROVIDER;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import org.cdimail.inject.Backend;
import org.cdimail.spi.AccessTokenProvider;

/**
 * Finds an alias's {@link AccessTokenProvider}: the bean qualified {@code @Backend(alias)}, or for
 * the {@code default} alias also an unqualified one. Looked up when the alias is resolved (at
 * deployment for the aliases in use), so an ambiguous choice fails there. Chooses among the beans
 * noted during discovery rather than asking the extension's {@code BeanManager} to resolve: in
 * Payara that manager (the one of {@code WEB-INF/lib}) does not see the application's classes.
 */
final class AccessTokenProviders implements Function<String, Optional<AccessTokenProvider>> {

    private final BeanManager beanManager;
    private final List<Bean<?>> beans;

    AccessTokenProviders(BeanManager beanManager, List<Bean<?>> beans) {
        this.beanManager = beanManager;
        this.beans = beans;
    }

    @Override
    public Optional<AccessTokenProvider> apply(String alias) {
        List<Bean<?>> own = matching(q -> q instanceof Backend backend && backend.value().equals(alias));
        if (own.isEmpty() && Backend.DEFAULT.equals(alias)) {
            own = matching(q -> q instanceof Default);
        }
        if (own.isEmpty()) {
            return Optional.empty();
        }
        if (own.size() > 1) {
            throw new IllegalStateException(AMBIGUOUS_TOKEN_PROVIDER.message(own.size()
                    + " AccessTokenProvider beans qualify for the alias '" + alias + "': "
                    + own.stream().map(b -> b.getBeanClass().getName()).sorted().toList()));
        }
        Bean<?> bean = own.get(0);
        return Optional.of((AccessTokenProvider) beanManager.getReference(bean, AccessTokenProvider.class,
                beanManager.createCreationalContext(bean)));
    }

    private List<Bean<?>> matching(Predicate<Annotation> qualifier) {
        return beans.stream().filter(b -> b.getQualifiers().stream().anyMatch(qualifier)).toList();
    }
}

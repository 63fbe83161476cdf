package org.cdimail.impl;

import static org.cdimail.impl.ImplError.BACKEND_CONTEXT_MISPLACED;
import static org.cdimail.impl.ImplError.BACKEND_QUALIFIER_ON_BACKEND;
import static org.cdimail.impl.ImplError.CUSTOM_BACKEND_WITHOUT_SEND;
import static org.cdimail.impl.ImplError.DUPLICATE_BACKEND_NAME;
import static org.cdimail.impl.ImplError.MONITOR_TOO_EARLY;

import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;
import jakarta.enterprise.inject.spi.ProcessObserverMethod;
import jakarta.enterprise.inject.spi.ProcessSyntheticBean;
import jakarta.inject.Provider;

import org.cdimail.Mailer;
import org.cdimail.Outbox;
import org.cdimail.inject.Backend;
import org.cdimail.impl.backend.ConnectionOptions;
import org.cdimail.impl.config.MailConfig;
import org.cdimail.impl.config.UnknownKeys;
import org.cdimail.impl.pipeline.EventBus;
import org.cdimail.impl.pipeline.Observers;
import org.cdimail.impl.monitor.AliasMonitor;
import org.cdimail.spi.AccessTokenProvider;
import org.cdimail.spi.BackendContext;
import org.cdimail.spi.BackendProvider;
import org.cdimail.spi.BackendType;
import org.cdimail.spi.EmailBackend;

/**
 * The cdi-mail portable extension (CDI Full). It collects the aliases the application injects
 * and the custom backend beans ({@code @BackendType}), registers for every alias a {@code @Backend(alias)}
 * {@link Mailer} and {@link Outbox} (application scoped) and {@link EmailBackend} connection
 * (dependent: a new connection per injection) as synthetic beans — the {@code default} alias also
 * unqualified — and validates the configuration of every alias in use, so that a wrong
 * configuration fails the deployment with a message naming the key.
 *
 * <p>Registered through {@code META-INF/services}; the impl jar needs no bean discovery.
 */
public class MailExtension implements Extension {

    private static final System.Logger LOG = System.getLogger(MailExtension.class.getName());

    private final Map<String, String> injectedAliases = new ConcurrentHashMap<>();
    private final Map<String, String> injectedOutboxes = new ConcurrentHashMap<>();
    private final Map<String, List<Bean<?>>> customBackends = new ConcurrentHashMap<>();
    private final List<String> misnamedBackends = new ArrayList<>();
    private final List<Bean<?>> tokenProviderBeans = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Observers observers = new Observers();
    private Set<String> aliasesInUse = Set.of();
    private BackendTypes backends;
    private AliasRegistry registry;

    /** Notes every alias that an injection point selects with {@code @Backend}. */
    void collectAliases(@Observes ProcessInjectionPoint<?, ?> event) {
        InjectionPoint point = event.getInjectionPoint();
        if (!isMailType(point.getType())) {
            return;
        }
        String alias = Backend.DEFAULT;
        for (Annotation qualifier : point.getQualifiers()) {
            if (qualifier instanceof Backend backend) {
                alias = backend.value();
                injectedAliases.putIfAbsent(alias, String.valueOf(point.getMember()));
            }
        }
        if (raw(point.getType()) == Outbox.class) {
            injectedOutboxes.putIfAbsent(alias, String.valueOf(point.getMember()));
        }
    }

    /**
     * Notes which mail events ({@code BeforeSend}, {@code AfterSend}, {@code SendFailed}) the
     * application observes, so that an event nobody observes is never fired. A wildcard observer:
     * Weld and OpenWebBeans resolve the type arguments of container events differently.
     */
    void collectMailObservers(@Observes ProcessObserverMethod<?, ?> event) {
        observers.add(event.getObserverMethod().getObservedType(), event.getObserverMethod().getObservedQualifiers(),
                event.getObserverMethod().isAsync());
    }

    /** Notes every bean implementing {@link EmailBackend} with a {@code @BackendType("name")}: a custom backend. */
    void registerCustomBackends(@Observes ProcessBean<?> event) {
        // This extension's own beans: OpenWebBeans announces them with a plain ProcessBean.
        if (event instanceof ProcessSyntheticBean<?> synthetic && synthetic.getSource() == this
                || event.getBean().getBeanClass() == MailExtension.class) {
            return;
        }
        Bean<?> bean = event.getBean();
        if (bean.getTypes().stream().anyMatch(t -> raw(t) == AccessTokenProvider.class)) {
            tokenProviderBeans.add(bean);
        }
        if (bean.getTypes().stream().noneMatch(t -> raw(t) == EmailBackend.class)) {
            return;
        }
        for (Annotation qualifier : bean.getQualifiers()) {
            if (qualifier instanceof BackendType type) {
                customBackends.computeIfAbsent(type.value(), n -> new ArrayList<>()).add(bean);
            } else if (qualifier instanceof Backend backend) {
                synchronized (misnamedBackends) {
                    misnamedBackends.add(BACKEND_QUALIFIER_ON_BACKEND.message(bean.getBeanClass().getName()
                            + " implements EmailBackend"
                            + " and is annotated @Backend(\"" + backend.value() + "\"), which selects an alias; name a"
                            + " custom backend with @BackendType(\"" + backend.value() + "\")"));
                }
            }
        }
    }

    /** Registers the {@code Mailer}, {@code Outbox} and {@code EmailBackend} beans of every alias. */
    void registerAliasBeans(@Observes AfterBeanDiscovery event, BeanManager beanManager) {
        MailConfig config = MailConfig.current();
        List<BackendProvider> cdiBackends = new ArrayList<>();
        // The beans noted during discovery, not a look-up by qualifier: in Payara the extension's
        // BeanManager (in WEB-INF/lib) does not see the beans of WEB-INF/classes.
        customBackends.forEach((name, beans) -> cdiBackends.add(new CdiBackendProvider(name, beans,
                () -> (EmailBackend) beanManager.getReference(beans.get(0), EmailBackend.class,
                        beanManager.createCreationalContext(beans.get(0))))));
        backends = new BackendTypes(cdiBackends);
        registry = new AliasRegistry(config, backends, new ContainerExecutor(), new AccessTokenProviders(beanManager, List.copyOf(tokenProviderBeans)),
                new EventBus(observers, beanManager));
        event.addBean().beanClass(MailExtension.class).types(BackendContext.class, Object.class)
                .qualifiers(Default.Literal.INSTANCE, Any.Literal.INSTANCE).scope(Dependent.class)
                .produceWith(i -> CdiBackendProvider.current().orElseThrow(() -> new IllegalStateException(
                        BACKEND_CONTEXT_MISPLACED.message("a BackendContext is injected only into a @BackendType bean"
                                + " that cdi-mail creates for an alias's connection"))));
        Set<String> inUse = new TreeSet<>(injectedAliases.keySet());
        inUse.addAll(config.configuredAliases());
        inUse.add(Backend.DEFAULT);
        aliasesInUse = Set.copyOf(inUse);
        // Every backend name is also an alias, so that programmatic lookups such as
        // select(Mailer.class, Backend.Literal.of("console")) work too.
        Set<String> aliases = new TreeSet<>(inUse);
        aliases.addAll(backends.names());
        for (String alias : aliases) {
            Annotation[] qualifiers = qualifiers(alias);
            // The bean class of a normal-scoped bean is its interface: OpenWebBeans derives the
            // client proxy from the bean class.
            event.addBean().beanClass(Mailer.class).types(Mailer.class, Object.class).qualifiers(qualifiers)
                    .scope(ApplicationScoped.class).produceWith(i -> registry.mailer(alias));
            event.addBean().beanClass(Outbox.class).types(Outbox.class, Object.class).qualifiers(qualifiers)
                    .scope(ApplicationScoped.class).produceWith(i -> registry.keptOutbox(alias));
            event.addBean().beanClass(MailExtension.class).types(EmailBackend.class, Object.class)
                    .qualifiers(qualifiers).scope(Dependent.class)
                    .produceWith(i -> registry.alias(alias).connect(ConnectionOptions.DEFAULTS))
                    .disposeWith((connection, i) -> connection.close());
        }
    }

    /** Fails the deployment for every configuration problem, each message naming its key. */
    void validateConfiguration(@Observes AfterDeploymentValidation event) {
        customBackends.forEach((name, beans) -> {
            if (beans.size() > 1) {
                event.addDeploymentProblem(new DeploymentException(DUPLICATE_BACKEND_NAME.message(beans.size()
                        + " beans claim the backend name @BackendType(\"" + name + "\"): " + beans.stream()
                                .map(b -> b.getBeanClass().getName()).sorted().collect(Collectors.joining(", ")))));
            }
            for (Bean<?> bean : beans) {
                if (!implementsSending(bean.getBeanClass())) {
                    event.addDeploymentProblem(new DeploymentException(
                            CUSTOM_BACKEND_WITHOUT_SEND.message("the custom backend "
                            + bean.getBeanClass().getName() + " implements neither EmailBackend.deliver nor"
                            + " EmailBackend.sendMessages; implement one")));
                }
            }
        });
        backends.problems().forEach(p -> event.addDeploymentProblem(new DeploymentException(p)));
        synchronized (misnamedBackends) {
            misnamedBackends.forEach(p -> event.addDeploymentProblem(new DeploymentException(p)));
        }
        for (String alias : new TreeSet<>(aliasesInUse)) {
            try {
                registry.alias(alias);
            } catch (IllegalArgumentException | IllegalStateException e) {
                String where = injectedAliases.get(alias);
                event.addDeploymentProblem(new DeploymentException(
                        e.getMessage() + (where == null ? "" : " [alias injected into " + where + "]"), e));
                continue;
            }
            String outbox = injectedOutboxes.get(alias);
            if (outbox != null) {
                try {
                    registry.keptOutbox(alias);
                } catch (IllegalStateException e) {
                    event.addDeploymentProblem(new DeploymentException(e.getMessage() + " [injected into " + outbox + "]"));
                }
            }
        }
    }

    /** Warns about {@code mail.*} keys that nothing reads: a misspelt key is named, not silently ignored. */
    void warnAboutUnknownKeys(@Observes AfterDeploymentValidation event) {
        Set<String> aliases = new TreeSet<>(aliasesInUse);
        aliases.addAll(backends.names());
        for (String warning : UnknownKeys.warnings(MailConfig.current().propertyNames(), aliases,
                this::usesOwnBackend)) {
            LOG.log(System.Logger.Level.WARNING, warning);
        }
    }

    private boolean usesOwnBackend(String alias) {
        try {
            return backends.isBuiltin(registry.alias(alias).type());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return true; // reported as a deployment problem already
        }
    }

    /**
     * Lets pending asynchronous sends finish (for up to {@code mail.async.shutdown-timeout}) while
     * the application's beans (custom backends, event observers) still live, and reports those that
     * could not.
     */
    void finishAsyncSends(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        if (registry != null) {
            registry.async().stop();
        }
    }

    /**
     * The aliases the application uses (those it injects, those configured with
     * {@code mail.<alias>.backend}, and {@code default}), for cdi-mail's health and metrics
     * artifacts; known from {@code AfterBeanDiscovery} on.
     *
     * @return the aliases, sorted
     */
    public Set<String> aliasesInUse() {
        return new TreeSet<>(aliasesInUse);
    }

    /**
     * An alias as health checks and metrics see it; the caller closes it.
     *
     * @param alias an alias
     * @return a new monitor of it
     * @throws IllegalArgumentException naming the key, if the alias does not resolve
     * @throws IllegalStateException    before {@code AfterBeanDiscovery}
     */
    public AliasMonitor monitor(String alias) {
        if (registry == null) {
            throw new IllegalStateException(MONITOR_TOO_EARLY.message("aliases are known from AfterBeanDiscovery on"));
        }
        Alias resolved = registry.alias(alias);
        return new AliasMonitor(resolved.context(), () -> resolved.connect(ConnectionOptions.DEFAULTS));
    }

    /**
     * Closes the pooled SMTP connections (with {@code QUIT}) when the container stops, after the
     * pending asynchronous sends (if the container did not announce the application's end before).
     */
    void closeConnections(@Observes BeforeShutdown event) {
        if (registry != null) {
            registry.close();
        }
    }

    /** Whether a backend class overrides {@code deliver} or {@code sendMessages}, so the defaults do not call each other. */
    private static boolean implementsSending(Class<?> type) {
        try {
            return type.getMethod("deliver", List.class).getDeclaringClass() != EmailBackend.class
                    || type.getMethod("sendMessages", List.class).getDeclaringClass() != EmailBackend.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Annotation[] qualifiers(String alias) {
        return Backend.DEFAULT.equals(alias)
                ? new Annotation[] { Backend.Literal.of(alias), Default.Literal.INSTANCE, Any.Literal.INSTANCE }
                : new Annotation[] { Backend.Literal.of(alias), Any.Literal.INSTANCE };
    }

    private static boolean isMailType(Type type) {
        Class<?> raw = raw(type);
        if ((raw == Instance.class || raw == Provider.class) && type instanceof ParameterizedType parameterized) {
            raw = raw(parameterized.getActualTypeArguments()[0]);
        }
        return raw == Mailer.class || raw == Outbox.class || raw == EmailBackend.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }
}

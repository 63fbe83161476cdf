package org.cdimail.health;

import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.interceptor.Interceptor;

import org.cdimail.impl.MailExtension;
import org.cdimail.impl.config.InvalidSettingException;
import org.cdimail.impl.config.MailConfig;
import org.cdimail.impl.config.MailKey;
import org.cdimail.impl.monitor.AliasHealth;
import org.cdimail.impl.monitor.AliasMonitor;
import org.cdimail.impl.monitor.QueueCounter;

/**
 * Registers a MicroProfile Health {@code @Readiness} check for every alias in use whose
 * {@code health.enabled} is not {@code false}, as a synthetic bean (so servers that look checks up
 * by qualifier, as SmallRye Health, WildFly and Payara do, find it), and fails the deployment for a
 * wrong {@code health.*} setting, naming the key. Without the MicroProfile Health API on the class
 * path it does nothing. Runs after cdi-mail's own extension has resolved the aliases.
 *
 * <p>The jar is a bean archive whose {@code META-INF/beans.xml} excludes all of its classes: a
 * bean added here belongs to the bean archive of its class, and only as a bean archive of the WAR
 * is that one seen by WildFly's health subsystem, which looks checks up at
 * {@code AfterDeploymentValidation} through the bean manager of its own archive (see
 * docs/health-and-metrics.md). No bean is discovered from the jar, so each check is registered once.
 *
 * <p>Checks run on a few daemon threads of this extension, stopped with the container.
 */
public class HealthExtension implements Extension {

    private static final System.Logger LOG = System.getLogger(HealthExtension.class.getName());
    private static final String HEALTH_API = "org.eclipse.microprofile.health.HealthCheck";
    private static final String QUEUE = "org.cdimail.queue.AliasQueue";

    private final Set<String> checked = ConcurrentHashMap.newKeySet();
    private final Map<String, AliasMonitor> monitors = new ConcurrentHashMap<>();
    private volatile MailExtension mail;
    private final Map<String, AliasHealth> healths = new ConcurrentHashMap<>();
    private volatile ExecutorService background;

    /**
     * Adds a readiness check per alias in use, after cdi-mail's extension has collected them. The
     * aliases are resolved later (at {@code AfterDeploymentValidation}): resolving one may look
     * beans up, which a container allows only once deployment is validated.
     */
    void registerReadinessChecks(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) AfterBeanDiscovery event,
            BeanManager beanManager) {
        if (!present(HEALTH_API)) {
            LOG.log(Level.INFO, "cdi-mail-health: MicroProfile Health is not on the class path; no readiness checks");
            return;
        }
        mail = beanManager.getExtension(MailExtension.class);
        MailConfig config = MailConfig.current();
        for (String alias : mail.aliasesInUse()) {
            // A value other than true or false is reported by validateHealthSettings.
            boolean disabled = config.lookup(alias, MailKey.HEALTH_ENABLED)
                    .map(v -> v.strip().toLowerCase(Locale.ROOT)).filter("false"::equals).isPresent();
            if (!disabled) {
                checked.add(alias);
                ReadinessBeans.add(event, alias, () -> health(alias));
            }
        }
    }

    /** Reads every {@code health.*} setting of the checked aliases, so a wrong one fails the deployment. */
    void validateHealthSettings(@Observes AfterDeploymentValidation event) {
        for (String alias : checked) {
            try {
                monitor(alias).validateHealthSettings();
            } catch (IllegalArgumentException | IllegalStateException e) {
                // An alias that does not resolve is cdi-mail's own deployment problem, reported already.
                if (e instanceof InvalidSettingException setting && setting.key().contains(".health.")) {
                    event.addDeploymentProblem(new DeploymentException(e.getMessage(), e));
                }
            }
        }
    }

    /** Stops the checks' threads and releases the monitors. */
    void stopChecks(@Observes BeforeShutdown event) {
        ExecutorService threads = background;
        if (threads != null) {
            threads.shutdownNow();
        }
        monitors.values().forEach(AliasMonitor::close);
    }

    private AliasMonitor monitor(String alias) {
        return monitors.computeIfAbsent(alias, mail::monitor);
    }

    private AliasHealth health(String alias) {
        return healths.computeIfAbsent(alias, a -> {
            AliasMonitor monitor = monitor(a);
            return new AliasHealth(monitor, queueCounter(monitor), background());
        });
    }

    private static Optional<QueueCounter> queueCounter(AliasMonitor monitor) {
        if (!monitor.queued() || !present(QUEUE)) {
            return Optional.empty();
        }
        return Optional.of(QueueCounts.of(monitor)); // loads the queue's classes only here
    }

    private ExecutorService background() {
        ExecutorService threads = background;
        if (threads == null) {
            synchronized (this) {
                if (background == null) {
                    AtomicInteger count = new AtomicInteger();
                    background = Executors.newCachedThreadPool(task -> {
                        Thread thread = new Thread(task, "cdi-mail-health-" + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
                }
                threads = background;
            }
        }
        return threads;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, HealthExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}

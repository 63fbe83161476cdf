package org.cdimail.health;

import java.lang.System.Logger.Level;
import java.util.Map;
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
 * <p>Checks run on a few daemon threads of this extension, stopped with the container.
 */
public class HealthExtension implements Extension {

    private static final System.Logger LOG = System.getLogger(HealthExtension.class.getName());
    private static final String HEALTH_API = "org.eclipse.microprofile.health.HealthCheck";
    private static final String QUEUE = "org.cdimail.queue.AliasQueue";

    private final Map<String, AliasMonitor> monitors = new ConcurrentHashMap<>();
    private final Map<String, AliasHealth> healths = new ConcurrentHashMap<>();
    private volatile ExecutorService background;

    /** Adds a readiness check per alias in use, after cdi-mail's extension has made its registry. */
    void registerReadinessChecks(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) AfterBeanDiscovery event,
            BeanManager beanManager) {
        if (!present(HEALTH_API)) {
            LOG.log(Level.INFO, "cdi-mail-health: MicroProfile Health is not on the class path; no readiness checks");
            return;
        }
        MailExtension mail = beanManager.getExtension(MailExtension.class);
        for (String alias : mail.aliasesInUse()) {
            AliasMonitor monitor;
            try {
                monitor = mail.monitor(alias);
            } catch (IllegalArgumentException | IllegalStateException e) {
                continue; // cdi-mail reports the alias's configuration as a deployment problem
            }
            boolean enabled;
            try {
                enabled = monitor.healthEnabled();
            } catch (IllegalArgumentException e) {
                enabled = true; // reported by validateHealthSettings
            }
            if (enabled) {
                monitors.put(alias, monitor);
                ReadinessBeans.add(event, alias, () -> health(alias));
            } else {
                monitor.close();
            }
        }
    }

    /** Reads every {@code health.*} setting of the checked aliases, so a wrong one fails the deployment. */
    void validateHealthSettings(@Observes AfterDeploymentValidation event) {
        monitors.forEach((alias, monitor) -> {
            try {
                monitor.validateHealthSettings();
            } catch (IllegalArgumentException e) {
                event.addDeploymentProblem(new DeploymentException(e.getMessage(), e));
            }
        });
    }

    /** Stops the checks' threads and releases the monitors. */
    void stopChecks(@Observes BeforeShutdown event) {
        ExecutorService threads = background;
        if (threads != null) {
            threads.shutdownNow();
        }
        monitors.values().forEach(AliasMonitor::close);
    }

    private AliasHealth health(String alias) {
        return healths.computeIfAbsent(alias, a -> {
            AliasMonitor monitor = monitors.get(a);
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

package org.cdimail.bench;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.cdimail.Mailer;
import org.cdimail.impl.MailExtension;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * A Weld SE container as a Java SE application starts it: discovery off, one application bean,
 * and, when asked, the cdi-mail extension. Configuration comes from system properties, which
 * SmallRye Config reads.
 */
final class Container implements AutoCloseable {

    private final WeldContainer weld;

    private Container(WeldContainer weld) {
        this.weld = weld;
    }

    /**
     * @param withMail whether to add the cdi-mail extension
     * @param config   keys to set as system properties before the container starts
     */
    static Container start(boolean withMail, Map<String, String> config) {
        config.forEach(System::setProperty);
        Weld weld = new Weld("bench").disableDiscovery().skipShutdownHook().addBeanClass(Application.class);
        if (withMail) {
            weld.addExtension(new MailExtension());
        }
        return new Container(weld.initialize());
    }

    Mailer mailer() {
        return weld.select(Mailer.class).get();
    }

    /** Resolves the application bean, so that the container has done some real work. */
    String ping() {
        return weld.select(Application.class).get().name();
    }

    @Override
    public void close() {
        weld.shutdown();
    }

    /** The one bean of the application. */
    @ApplicationScoped
    public static class Application {
        public String name() {
            return "bench";
        }
    }
}

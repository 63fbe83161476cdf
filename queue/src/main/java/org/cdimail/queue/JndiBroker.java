package org.cdimail.queue;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.XAConnectionFactory;

import org.cdimail.impl.config.InvalidSettingException;

/**
 * The application server's Jakarta Messaging connection factory, looked up in JNDI by the name in
 * {@code mail.queue.connection-factory}: in WildFly's full profile {@code java:/JmsXA} (or its
 * alias {@code java:jboss/DefaultJMSConnectionFactory}), the pooled XA factory of its Artemis
 * broker. Such a factory is {@linkplain #containerManaged() container-managed}: an enqueue inside
 * a JTA transaction joins it. A factory that is not XA (WildFly's {@code java:/ConnectionFactory})
 * is used like a broker of cdi-mail's own, with local transactions. The container owns the factory:
 * closing the source does nothing.
 */
final class JndiBroker implements BrokerSource {

    private final String name;
    private final ConnectionFactory factory;

    private JndiBroker(String name, ConnectionFactory factory) {
        this.name = name;
        this.factory = factory;
    }

    /**
     * Looks the factory up.
     *
     * @param name the JNDI name
     * @param key  the key that holds it, for the failure
     * @return the source
     * @throws InvalidSettingException naming the key, if nothing is bound there or it is not a connection factory
     */
    static JndiBroker lookUp(String name, String key) {
        Object bound;
        try {
            bound = new InitialContext().lookup(name);
        } catch (NamingException | RuntimeException e) {
            throw new InvalidSettingException(key, QueueError.CONNECTION_FACTORY_NOT_FOUND.message(key + " names '" + name
                    + "', which is not in JNDI (" + e.getClass().getSimpleName() + "); in WildFly use java:/JmsXA"
                    + " (standalone-full.xml)"));
        }
        if (!(bound instanceof ConnectionFactory factory)) {
            throw new InvalidSettingException(key, QueueError.CONNECTION_FACTORY_NOT_FOUND.message(key + " names '" + name
                    + "', which is a " + (bound == null ? "null" : bound.getClass().getName())
                    + ", not a jakarta.jms.ConnectionFactory"));
        }
        return new JndiBroker(name, factory);
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return factory;
    }

    /** An XA factory from the container is a JCA one whose sessions the container enlists in JTA transactions. */
    @Override
    public boolean containerManaged() {
        return factory instanceof XAConnectionFactory;
    }

    @Override
    public String describe() {
        return "the connection factory " + name;
    }

    @Override
    public void close() {
        // the container's
    }
}

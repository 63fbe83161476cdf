package org.cdimail.impl.support;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.OperationNotSupportedException;
import javax.naming.spi.InitialContextFactory;

/**
 * A JNDI provider for tests: {@link #bind} makes {@code new InitialContext().lookup(name)} return
 * the given objects (and throw {@link NameNotFoundException} for any other name) until the returned
 * handle is closed, as an application server's {@code java:comp} names would.
 */
public final class TestNaming implements InitialContextFactory {

    private static final Map<String, Object> BINDINGS = new ConcurrentHashMap<>();

    /** Binds the names and installs this provider as {@code java.naming.factory.initial}. */
    public static AutoCloseable bind(Map<String, Object> bindings) {
        BINDINGS.putAll(bindings);
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TestNaming.class.getName());
        return () -> {
            System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
            BINDINGS.clear();
        };
    }

    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
        return (Context) Proxy.newProxyInstance(TestNaming.class.getClassLoader(), new Class<?>[] { Context.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "lookup" -> {
                        Object bound = BINDINGS.get(String.valueOf(args[0]));
                        if (bound == null) {
                            throw new NameNotFoundException(String.valueOf(args[0]));
                        }
                        yield bound;
                    }
                    case "close" -> null;
                    case "toString" -> "TestNaming" + BINDINGS.keySet();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new OperationNotSupportedException(method.getName());
                });
    }
}

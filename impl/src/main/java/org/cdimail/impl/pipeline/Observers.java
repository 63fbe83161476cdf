package org.cdimail.impl.pipeline;

import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;

import org.cdimail.event.AfterSend;
import org.cdimail.event.BeforeSend;
import org.cdimail.event.SendFailed;

/**
 * Which of cdi-mail's events the application observes, synchronously and asynchronously: noted
 * from every {@code ProcessObserverMethod} at deployment, so that an event nobody observes is
 * never created or fired. An observer counts when its observed type is the event's class or a
 * supertype of it ({@code Object} too, as CDI would notify it) and it has no qualifier other than
 * {@code @Any} or {@code @Default} (cdi-mail fires its events unqualified). Thread-safe.
 */
public final class Observers {

    /** The events cdi-mail fires. */
    static final List<Class<?>> EVENTS = List.of(BeforeSend.class, AfterSend.class, SendFailed.class);

    private final Set<Class<?>> sync = ConcurrentHashMap.newKeySet();
    private final Set<Class<?>> async = ConcurrentHashMap.newKeySet();

    /**
     * Notes an observer method.
     *
     * @param observedType its observed type
     * @param qualifiers   its observed qualifiers
     * @param isAsync      whether it is an {@code @ObservesAsync} observer
     */
    public void add(Type observedType, Set<Annotation> qualifiers, boolean isAsync) {
        for (Annotation qualifier : qualifiers) {
            if (!(qualifier instanceof Any) && !(qualifier instanceof Default)) {
                return;
            }
        }
        Class<?> observed = raw(observedType);
        for (Class<?> event : EVENTS) {
            if (observed.isAssignableFrom(event)) {
                (isAsync ? async : sync).add(event);
            }
        }
    }

    /**
     * @param event one of cdi-mail's event classes
     * @return whether a synchronous observer of it exists
     */
    public boolean sync(Class<?> event) {
        return sync.contains(event);
    }

    /**
     * @param event one of cdi-mail's event classes
     * @return whether an asynchronous observer of it exists
     */
    public boolean async(Class<?> event) {
        return async.contains(event);
    }

    /**
     * @param event one of cdi-mail's event classes
     * @return whether any observer of it exists
     */
    public boolean any(Class<?> event) {
        return sync.contains(event) || async.contains(event);
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        if (type instanceof TypeVariable<?> v && v.getBounds().length > 0) {
            return raw(v.getBounds()[0]);
        }
        if (type instanceof WildcardType w && w.getUpperBounds().length > 0) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    @Override
    public String toString() {
        return "Observers[sync=" + sync + ", async=" + async + "]";
    }
}

package org.cdimail.tck.support;

import static org.cdimail.tck.support.TckError.PORTING_PACKAGE_NOT_CREATED;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Finds the implementations of the porting package: a JUnit configuration parameter or system
 * property named after the SPI interface (a comma-separated list of class names), else
 * {@link ServiceLoader}.
 */
public final class PortingPackage {

    private PortingPackage() {
    }

    /**
     * Every implementation of {@code spi}.
     *
     * @param <T>        the SPI type
     * @param spi        the SPI interface
     * @param parameters JUnit configuration parameters (which fall back to system properties)
     * @return the implementations, in the order given or found
     */
    public static <T> List<T> all(Class<T> spi, Function<String, Optional<String>> parameters) {
        Optional<String> named = parameters.apply(spi.getName()).or(() -> Optional.ofNullable(System.getProperty(spi.getName())));
        List<T> found = new ArrayList<>();
        if (named.isPresent() && !named.get().isBlank()) {
            for (String className : named.get().split(",")) {
                found.add(instantiate(spi, className.strip()));
            }
            return found;
        }
        ServiceLoader.load(spi, loader()).forEach(found::add);
        return found;
    }

    /**
     * Creates an instance of a class named in the porting package.
     *
     * @param <T>       the SPI type
     * @param spi       the SPI interface
     * @param className the implementing class
     * @return a new instance
     */
    public static <T> T instantiate(Class<T> spi, String className) {
        try {
            Class<?> type = Class.forName(className, true, loader());
            return spi.cast(type.getConstructor().newInstance());
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                | InvocationTargetException | ClassCastException e) {
            throw new IllegalStateException(PORTING_PACKAGE_NOT_CREATED.message("porting package class for "
                    + spi.getName() + " cannot be created: " + className), e);
        }
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : PortingPackage.class.getClassLoader();
    }
}

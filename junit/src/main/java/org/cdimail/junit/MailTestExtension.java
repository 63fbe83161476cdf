package org.cdimail.junit;

import java.util.Set;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import org.cdimail.impl.backend.locmem.LocmemOutbox;

/**
 * The JUnit 5 extension behind {@link MailTest}. From before the first test of a class until
 * after its last, {@link LocmemConfigSource} makes every alias's backend {@code locmem} (except
 * {@link MailTest#realAliases()}); before each test, every outbox in the JVM is emptied.
 */
public final class MailTestExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Set<String> real = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), MailTest.class)
                .map(test -> Set.of(test.realAliases())).orElse(Set.of());
        LocmemConfigSource.activate(real);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LocmemConfigSource.deactivate();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        LocmemOutbox.clearAll();
    }
}

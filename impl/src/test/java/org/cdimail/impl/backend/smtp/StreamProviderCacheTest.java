package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;

import jakarta.mail.util.StreamProvider;

import org.junit.jupiter.api.Test;

/** The context class loader that answers Jakarta Mail's StreamProvider lookup from memory. */
class StreamProviderCacheTest {

    private final ClassLoader usual = StreamProviderCacheTest.class.getClassLoader();

    private static List<String> providers(ClassLoader loader) {
        return ServiceLoader.load(StreamProvider.class, loader).stream().map(p -> p.type().getName()).toList();
    }

    @Test
    void theCachedLookupFindsExactlyTheProvidersTheUsualLoaderFinds() throws Exception {
        StreamProviderCache cache = StreamProviderCache.around(usual, null);

        assertThat(providers(usual)).isNotEmpty();
        assertThat(providers(cache)).isEqualTo(providers(usual));
        List<URL> served = Collections.list(cache.getResources("META-INF/services/jakarta.mail.util.StreamProvider"));
        assertThat(served).isNotEmpty().allSatisfy(url -> assertThat(url.getProtocol()).isEqualTo("cdi-mail-cached"));
    }

    @Test
    void everyOtherResourceAndClassComesFromTheUsualLoader() throws Exception {
        StreamProviderCache cache = StreamProviderCache.around(usual, null);

        assertThat(Collections.list(cache.getResources("META-INF/services/jakarta.mail.Provider")))
                .isEqualTo(Collections.list(usual.getResources("META-INF/services/jakarta.mail.Provider")));
        assertThat(cache.loadClass(StreamProvider.class.getName())).isSameAs(StreamProvider.class);
    }

    @Test
    void oneCacheServesTheSameUsualLoaderAndANewOneAnother() {
        StreamProviderCache cache = StreamProviderCache.around(usual, null);
        ClassLoader other = new ClassLoader(usual) {
        };

        assertThat(StreamProviderCache.around(usual, cache)).isSameAs(cache);
        assertThat(StreamProviderCache.around(other, cache)).isNotSameAs(cache);
        assertThat(StreamProviderCache.around(null, cache)).isNull();
    }
}

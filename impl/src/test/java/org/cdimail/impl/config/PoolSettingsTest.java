package org.cdimail.impl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The {@code mail.pool.*} keys: defaults, per-alias values, and refused values naming their key. */
class PoolSettingsTest {

    private static MailConfig config(String... keysAndValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new MailConfig(new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 500))
                .build());
    }

    @Test
    void byDefaultThereIsNoPoolAndNoMessageCap() {
        PoolSettings pool = config().settings("default").pool();

        assertThat(pool.enabled()).isFalse();
        assertThat(pool.maxConnections()).isZero();
        assertThat(pool.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(pool.maxMessagesPerConnection()).isZero();
    }

    @Test
    void eachAliasHasItsOwnPoolSettingsFallingBackToTheGlobalOnes() {
        MailConfig config = config("mail.pool.max-connections", "2", "mail.bulk.pool.max-connections", "8",
                "mail.bulk.pool.idle-timeout", "PT5S", "mail.pool.max-messages-per-connection", "100");

        PoolSettings bulk = config.settings("bulk").pool();
        assertThat(bulk.maxConnections()).isEqualTo(8);
        assertThat(bulk.idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(bulk.maxMessagesPerConnection()).isEqualTo(100);
        assertThat(config.settings("default").pool().maxConnections()).isEqualTo(2);
    }

    @Test
    void aNegativeOrNonNumericCountIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> config("mail.bulk.pool.max-connections", "-1").settings("bulk"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("mail.bulk.pool.max-connections")
                .hasMessageContaining("0 or more");
        assertThatThrownBy(() -> config("mail.pool.max-messages-per-connection", "many").settings("default"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("mail.pool.max-messages-per-connection");
    }

    @Test
    void anIdleTimeoutThatIsNotAPositiveDurationIsRefusedNamingItsKey() {
        assertThatThrownBy(() -> config("mail.pool.idle-timeout", "0").settings("default"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("mail.pool.idle-timeout");
        assertThatThrownBy(() -> config("mail.pool.idle-timeout", "soon").settings("default"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("mail.pool.idle-timeout");
    }
}

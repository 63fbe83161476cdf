package org.cdimail.impl.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Typed, per-alias reading of the configuration. */
class MailConfigTest {

    private static MailConfig config(String... keysAndValues) {
        Map<String, String> properties = new java.util.HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new MailConfig(new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 500))
                .build());
    }

    @Test
    void withNothingConfiguredEveryKeyHasItsDjangoDefault() {
        AliasSettings settings = config().settings("default");
        assertThat(settings.host()).isEqualTo("localhost");
        assertThat(settings.port()).isEqualTo(25);
        assertThat(settings.username()).isEmpty();
        assertThat(settings.useTls()).isFalse();
        assertThat(settings.useSsl()).isFalse();
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.defaultFrom()).isEqualTo("webmaster@localhost");
        assertThat(settings.serverEmail()).isEqualTo("root@localhost");
        assertThat(settings.subjectPrefix()).isEqualTo("[cdi-mail] ");
        assertThat(settings.admins()).isEmpty();
        assertThat(settings.defaultCharset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(settings.useLocaltime()).isFalse();
        assertThat(settings.consoleStream()).isEqualTo("stdout");
        assertThat(settings.filePath()).isEmpty();
    }

    @Test
    void anAliasKeyWinsOverTheGlobalKeyWhichWinsOverTheDefault() {
        MailConfig config = config("mail.host", "global.example", "mail.eu.host", "eu.example", "mail.port", "2525");
        assertThat(config.settings("eu").host()).isEqualTo("eu.example");
        assertThat(config.settings("eu").port()).isEqualTo(2525);
        assertThat(config.settings("us").host()).isEqualTo("global.example");
        assertThat(config.source("eu", MailKey.HOST)).isEqualTo("mail.eu.host");
        assertThat(config.source("us", MailKey.HOST)).isEqualTo("mail.host");
        assertThat(config.lookupFor("eu").apply("mail.host")).contains("eu.example");
    }

    @Test
    void typedValuesAreParsed() {
        AliasSettings settings = config("mail.timeout", "2.5", "mail.file-path", "/tmp/mails", "mail.use-tls", "true",
                "mail.default-charset", "iso-8859-1", "mail.managers", "\"Lovelace, Ada\" <ada@example.com>,bob@example.com")
                .settings("default");
        assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.filePath()).contains(Path.of("/tmp/mails"));
        assertThat(settings.useTls()).isTrue();
        assertThat(settings.defaultCharset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(settings.managers()).containsExactly("\"Lovelace, Ada\" <ada@example.com>", "bob@example.com");
        assertThat(config("mail.timeout", "PT1M").settings("default").timeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> config("mail.x.use-ssl", "maybe").settings("x")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("mail.x.use-ssl");
        assertThatThrownBy(() -> config("mail.port", "70000").settings("default")).hasMessageContaining("mail.port");
        assertThatThrownBy(() -> config("mail.timeout", "-PT1S").settings("default")).hasMessageContaining("mail.timeout");
        assertThatThrownBy(() -> config("mail.console-stream", "printer").settings("default"))
                .hasMessageContaining("mail.console-stream");
        assertThatThrownBy(() -> config("mail.default-charset", "klingon-8").settings("default"))
                .hasMessageContaining("mail.default-charset");
    }

    @Test
    void addressListErrorsNeverRepeatTheValue() {
        assertThatThrownBy(() -> config("mail.admins", "ada@example.com, \"unterminated <bob@example.com>").settings("default"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("mail.admins")
                .hasMessageNotContaining("@");
    }

    @Test
    void aliasesAreDiscoveredFromBackendKeys() {
        MailConfig config = config("mail.backend", "smtp", "mail.marketing.backend", "locmem", "mail.a.b.backend", "x",
                "mail.sms.host", "h");
        assertThat(config.configuredAliases()).containsExactly("marketing");
    }

    @Test
    void jakartaMailPropertiesPassThroughWithTheAliasOverridingTheGlobalOnes() {
        Map<String, String> properties = config("mail.jakarta-mail.smtp.localhost", "global",
                "mail.jakarta-mail.smtp.ehlo", "false", "mail.eu.jakarta-mail.smtp.localhost", "eu").settings("eu")
                .smtpProperties();
        assertThat(properties).containsEntry("mail.smtp.localhost", "eu").containsEntry("mail.smtp.ehlo", "false");
    }

    @Test
    void anAliasNamedSmtpReadsItsOwnKeysNotJakartaMailProperties() {
        AliasSettings settings = config("mail.smtp.port", "2525", "mail.smtp.host", "relay.test").settings("smtp");
        assertThat(settings.port()).isEqualTo(2525);
        assertThat(settings.host()).isEqualTo("relay.test");
        assertThat(settings.smtpProperties()).isEmpty();
    }

    @Test
    void theOldPassThroughFormFailsNamingTheKeyAndTheNewNamespace() {
        assertThatThrownBy(() -> config("mail.smtp.localhost", "h").settings("default"))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("CDIMAIL-00312: mail.smtp.localhost")
                .hasMessageContaining("mail.jakarta-mail.smtp.localhost");
        assertThatThrownBy(() -> config("mail.eu.smtp.localhost", "h").settings("eu"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("mail.eu.jakarta-mail.smtp.localhost");
    }

    @Test
    void passThroughThatWouldWeakenASafeDefaultFailsNamingTheKey() {
        for (String weakening : new String[] { "smtp.ssl.trust", "smtp.ssl.checkserveridentity", "smtp.socketFactory.class",
                "smtp.starttls.enable", "smtp.timeout", "smtp.writetimeout", "smtp.connectiontimeout", "smtps.ssl.trust" }) {
            String key = "mail.eu.jakarta-mail." + weakening;
            assertThatThrownBy(() -> config(key, "*").settings("eu")).as(key)
                    .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("CDIMAIL-00313: " + key);
        }
    }

    @Test
    void theTransportIsAnExplicitKey() {
        assertThat(config().settings("default").transport()).isEqualTo("cdi-mail");
        assertThat(config("mail.eu.transport", "jakarta-mail").settings("eu").transport()).isEqualTo("jakarta-mail");
        assertThatThrownBy(() -> config("mail.transport", "angus").settings("default"))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("mail.transport");
    }

    @Test
    void toStringNeverShowsTheCredentials() {
        AliasSettings settings = config("mail.username", "ada-user", "mail.password", "s3cret!").settings("default");
        assertThat(settings.toString()).doesNotContain("s3cret!").doesNotContain("ada-user");
        assertThat(settings.password()).contains("s3cret!");
    }
}

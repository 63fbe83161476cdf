package org.cdimail.impl.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Reading the rendering settings through any key lookup. */
class RenderSettingsTest {

    private static RenderSettings from(Map<String, String> values) {
        return RenderSettings.from(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void usesDjangosDefaultsWhenNothingIsConfigured() {
        RenderSettings settings = from(Map.of());

        assertThat(settings.defaultFrom()).isEqualTo("webmaster@localhost");
        assertThat(settings.defaultCharset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(settings.useLocaltime()).isFalse();
        assertThat(settings.dnsName()).isNotBlank();
        assertThat(settings).isEqualTo(RenderSettings.defaults());
    }

    @Test
    void readsTheDefaultSenderCharsetAndLocalTime() {
        RenderSettings settings = from(Map.of("mail.default-from", "noreply@example.com",
                "mail.default-charset", "ISO-8859-1", "mail.use-localtime", "TRUE"));

        assertThat(settings.defaultFrom()).isEqualTo("noreply@example.com");
        assertThat(settings.defaultCharset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(settings.useLocaltime()).isTrue();
    }

    @Test
    void namesTheKeyOfAnInvalidValue() {
        assertThatThrownBy(() -> from(Map.of("mail.default-charset", "no-such-charset")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mail.default-charset");
        assertThatThrownBy(() -> from(Map.of("mail.use-localtime", "sometimes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mail.use-localtime");
    }

    /** Django's default sender is used when a message has none, in the header and in the envelope. */
    @Test
    void sendsFromTheConfiguredDefaultSender() throws Exception {
        MimeRenderer renderer = new MimeRenderer(from(Map.of("mail.default-from", "Robot <robot@example.com>")));
        org.cdimail.EmailMessage message = org.cdimail.EmailMessage.builder().to("to@example.com").build();

        assertThat(RenderedMail.of(renderer, message).header("From")).isEqualTo("Robot <robot@example.com>");
        assertThat(renderer.envelope(message).sender().getAddress()).isEqualTo("robot@example.com");
    }
}

package org.cdimail.impl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import org.cdimail.EmailMessage;
import org.cdimail.Refusal;
import org.cdimail.impl.config.InvalidSettingException;
import org.cdimail.impl.config.MailConfig;

/** Recipient governance of one alias: {@code redirect-to}, then {@code allowed-recipients}. */
class RecipientPolicyTest {

    private static RecipientPolicy policy(String... keysAndValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return RecipientPolicy.of(new MailConfig(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()), "staging");
    }

    private static EmailMessage message() {
        return EmailMessage.builder().subject("Hi").body("Body").from("app@example.com")
                .to("Ada <ada@customer.example>", "bob@example.com").cc("carol@customer.example")
                .bcc("audit@example.com").build();
    }

    @Test
    void withoutKeysNothingIsGoverned() {
        RecipientPolicy none = policy();
        assertThat(none.active()).isFalse();
        EmailMessage message = message();
        assertThat(none.apply(message).message()).isSameAs(message);
    }

    @Test
    void redirectSendsToTheGivenAddressesOnlyAndKeepsTheOriginalsInHeaders() {
        RecipientPolicy.Governed governed = policy("mail.staging.redirect-to", "qa@example.com, QA Two <qa2@example.com>")
                .apply(message());
        EmailMessage sent = governed.message();
        assertThat(sent.to()).containsExactly("qa@example.com", "QA Two <qa2@example.com>");
        assertThat(sent.cc()).isEmpty();
        assertThat(sent.bcc()).isEmpty();
        assertThat(sent.headers()).containsEntry("X-Original-To", "Ada <ada@customer.example>, bob@example.com")
                .containsEntry("X-Original-Cc", "carol@customer.example")
                .containsEntry("X-Original-Bcc", "audit@example.com");
        assertThat(governed.refused()).isEmpty();
    }

    @Test
    void redirectWritesOnlyTheOriginalHeadersThatHadRecipients() {
        EmailMessage toOnly = EmailMessage.builder().subject("Hi").body("Body").to("ada@customer.example").build();
        EmailMessage sent = policy("mail.redirect-to", "qa@example.com").apply(toOnly).message();
        assertThat(sent.headers()).containsOnlyKeys("X-Original-To");
    }

    @Test
    void redirectDropsADisplayedToOrCcGivenInTheHeadersSoTheyCannotShowTheOriginals() {
        EmailMessage displayed = message().toBuilder().header("to", "Customers <list@customer.example>")
                .header("CC", "carol@customer.example").header("X-Campaign", "spring").build();
        EmailMessage sent = policy("mail.redirect-to", "qa@example.com").apply(displayed).message();
        assertThat(sent.headers()).doesNotContainKeys("to", "CC", "To", "Cc").containsEntry("X-Campaign", "spring")
                .containsKeys("X-Original-To", "X-Original-Cc", "X-Original-Bcc");
        assertThat(sent.to()).containsExactly("qa@example.com");
    }

    @Test
    void aMessageWithoutRecipientsIsNotRedirected() {
        EmailMessage none = EmailMessage.builder().subject("Hi").body("Body").build();
        assertThat(policy("mail.redirect-to", "qa@example.com").apply(none).message()).isSameAs(none);
    }

    @Test
    void recipientsOutsideTheAllowedPatternsAreDroppedAndRefusedByPolicy() {
        RecipientPolicy.Governed governed = policy("mail.allowed-recipients", "*@example.com").apply(message());
        assertThat(governed.message().to()).containsExactly("bob@example.com");
        assertThat(governed.message().cc()).isEmpty();
        assertThat(governed.message().bcc()).containsExactly("audit@example.com");
        assertThat(governed.refused()).containsExactly(
                Refusal.byPolicy("ada@customer.example", "not in allowed-recipients"),
                Refusal.byPolicy("carol@customer.example", "not in allowed-recipients"));
    }

    @Test
    void redirectComesBeforeTheAllowList() {
        RecipientPolicy.Governed governed = policy("mail.staging.redirect-to", "qa@example.com, ext@other.org",
                "mail.allowed-recipients", "*@example.com").apply(message());
        assertThat(governed.message().to()).containsExactly("qa@example.com");
        assertThat(governed.refused()).extracting(Refusal::recipient).containsExactly("ext@other.org");
    }

    @Test
    void theFailModeAndWrongValuesAreRead() {
        assertThat(policy("mail.allowed-recipients", "*@example.com", "mail.disallowed-recipients", "FAIL")
                .failsOnDisallowed()).isTrue();
        InvalidSettingException mode = catchThrowableOfType(InvalidSettingException.class, () -> policy("mail.allowed-recipients", "*@example.com",
                "mail.staging.disallowed-recipients", "drop"));
        assertThat(mode.getMessage()).startsWith("CDIMAIL-00321").contains("mail.staging.disallowed-recipients");
        InvalidSettingException redirect = catchThrowableOfType(InvalidSettingException.class, () -> policy("mail.staging.redirect-to",
                "qa@example.com, not an address"));
        assertThat(redirect.getMessage()).startsWith("CDIMAIL-00204").contains("mail.staging.redirect-to")
                .doesNotContain("qa@example.com");
    }
}

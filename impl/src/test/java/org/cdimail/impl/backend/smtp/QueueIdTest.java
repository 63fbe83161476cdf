package org.cdimail.impl.backend.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueueIdTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "2.0.0 Ok: queued as 4ABC12 | 4ABC12",
            "Ok: queued as 4XyzQ1Z2nJz3 | 4XyzQ1Z2nJz3",
            "OK id=1abc23-000123-AB | 1abc23-000123-AB",
            "2.0.0 4B1CxyzA012345 Message accepted for delivery | 4B1CxyzA012345",
            "2.0.0 <AB12.cd-34> Queued mail for delivery | AB12.cd-34",
            "2.0.0 Ok: queued as 4ABC12 (and more) | 4ABC12" })
    void readsTheUsualForms(String text, String id) {
        assertThat(QueueId.of(text)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = { "2.0.0 Ok", "OK", "", "2.6.0 <abc@host.example> [InternalId=123] Queued mail for delivery",
            "2.0.0 Ok: queued as someone@example.com", "2.0.0 Ok: queued as <4ABC>x", "queued as \u001b[31m" })
    void givesNothingUnlessTheReplyHasAClearTokenWithoutAnAddress(String text) {
        assertThat(QueueId.of(text)).isNull();
    }
}

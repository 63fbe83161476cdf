package org.cdimail.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class AliasReadinessCheckTest {

    @Test
    void aCheckThatCannotBeMadeIsReportedDownUnderTheAliasName() {
        AliasReadinessCheck check = new AliasReadinessCheck("billing", () -> {
            throw new IllegalStateException("the application is gone");
        });
        HealthCheckResponse response = check.call();
        assertThat(response.getName()).isEqualTo("cdi-mail.billing");
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData()).hasValueSatisfying(data -> assertThat(data)
                .containsEntry("alias", "billing").containsEntry("reason-id", "CDIMAIL-00395")
                .containsEntry("reason", "the check failed: IllegalStateException"));
    }
}

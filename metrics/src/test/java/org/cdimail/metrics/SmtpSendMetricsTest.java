package org.cdimail.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;

import org.cdimail.EmailMessage;
import org.cdimail.Mailer;
import org.cdimail.Receipt;
import org.cdimail.SendOptions;
import org.cdimail.impl.support.ScriptedSmtpServer;

/**
 * Real sends through the {@code smtp} backend to a real SMTP peer on 127.0.0.1 are counted: the
 * events cdi-mail fires for them reach this module's observers.
 */
class SmtpSendMetricsTest {

    /**
     * Issue 15: impl fires {@code AfterSend}/{@code SendFailed} once the events work (its
     * {@code org.cdimail.impl.pipeline} stage) is merged; until then there is nothing to count.
     * Checked on a merge of that branch. Remove this once both are on main.
     */
    private static boolean implFiresEvents() {
        try {
            Class.forName("org.cdimail.impl.pipeline.EventBus");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Test
    void sendsToARealSmtpServerAreCountedAsSentAndFailedAndTimed() throws Exception {
        assumeTrue(implFiresEvents(), "impl does not fire cdi-mail's events yet (issue 15, events)");
        try (ScriptedSmtpServer peer = ScriptedSmtpServer.start().refusing("nobody@example.com");
                MetricsContainer container = MetricsContainer.start(true, "mail.host", "127.0.0.1", "mail.port",
                        Integer.toString(peer.port()))) {
            Mailer mailer = container.select(Mailer.class);
            List<Receipt> receipts = mailer.deliver(List.of(
                    EmailMessage.builder().subject("one").body("b").from("a@example.com").to("b@example.com").build(),
                    EmailMessage.builder().subject("two").body("b").from("a@example.com").to("c@example.com").build(),
                    EmailMessage.builder().subject("three").body("b").from("a@example.com").to("nobody@example.com")
                            .build()), SendOptions.builder().failSilently(true).build());
            assertThat(Receipt.sentCount(receipts)).isEqualTo(2);
            assertThat(peer.received()).hasSize(2);

            MeterRegistry meters = container.select(MeterRegistry.class);
            assertThat(meters.get("cdimail.sent").tags("alias", "default", "source", "direct").counter().count())
                    .isEqualTo(2);
            assertThat(meters.get("cdimail.failed").tags("alias", "default").counter().count()).isEqualTo(1);
            var timer = meters.get("cdimail.send").tags("alias", "default", "source", "direct").timer();
            assertThat(timer.count()).isEqualTo(2);
            assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        }
    }
}

package org.cdimail.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cdimail.Mailer;
import org.cdimail.impl.support.ScriptedSmtpServer;

/**
 * A queued alias (embedded Artemis, no consumer) is ready while its backlog is within
 * {@code health.queue.max-pending}, and not ready, with the count and the reason id, above it.
 */
class QueueThresholdTest {

    @Test
    void aQueuedAliasIsDownWhileMoreMessagesWaitThanMaxPending(@TempDir Path journal) throws Exception {
        try (ScriptedSmtpServer peer = ScriptedSmtpServer.start();
                HealthContainer container = HealthContainer.start("mail.host", "127.0.0.1", "mail.port",
                        Integer.toString(peer.port()), "mail.queue.enabled", "true", "mail.queue.directory",
                        journal.toString(), "mail.health.queue.max-pending", "1", "mail.health.interval", "PT0.2S")) {
            JsonObject ready = container.check("default");
            assertThat(ready.getString("status")).isEqualTo("UP");
            assertThat(ready.getJsonObject("data").getBoolean("queued")).isTrue();

            Mailer mailer = container.weld().select(Mailer.class).get();
            mailer.sendMail("One", "Body", "app@example.com", List.of("ada@example.com"));
            mailer.sendMail("Two", "Body", "app@example.com", List.of("bob@example.com"));

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            JsonObject check = container.check("default");
            while (!check.getString("status").equals("DOWN") && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                check = container.check("default");
            }
            assertThat(check.getString("status")).as("%s", check).isEqualTo("DOWN");
            assertThat(check.getJsonObject("data").getString("reason-id")).isEqualTo("CDIMAIL-00391");
            assertThat(check.getJsonObject("data").getJsonNumber("pending").longValue()).isEqualTo(2);
        }
    }
}

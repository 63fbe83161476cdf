package org.cdimail.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cdimail.impl.support.ScriptedSmtpServer;
import org.cdimail.impl.support.TestCertificates;

/**
 * The readiness check per alias under SmallRye Health, against a real SMTP peer on 127.0.0.1.
 */
class AliasReadinessTest {

    private static JsonObject await(Supplier<JsonObject> check, String status, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        JsonObject last = check.get();
        while (!last.getString("status").equals(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still " + last + " after " + within);
            }
            Thread.onSpinWait();
            last = check.get();
        }
        return last;
    }

    @Test
    void anSmtpAliasIsUpWhileItsServerAnswersAndDownWithinTheIntervalAfterItStops() throws Exception {
        ScriptedSmtpServer peer = ScriptedSmtpServer.start();
        try (HealthContainer container = HealthContainer.start("mail.host", "127.0.0.1", "mail.port",
                Integer.toString(peer.port()), "mail.timeout", "PT2S", "mail.health.interval", "PT1S")) {
            JsonObject up = container.check("default");
            assertThat(up.getString("status")).isEqualTo("UP");
            JsonObject data = up.getJsonObject("data");
            assertThat(data.getString("alias")).isEqualTo("default");
            assertThat(data.getString("backend")).isEqualTo("smtp");
            assertThat(data.getString("server")).isEqualTo("127.0.0.1:" + peer.port());
            assertThat(Instant.parse(data.getString("checked-at"))).isBefore(Instant.now().plusSeconds(1));
            assertThat(data.containsKey("reason-id")).isFalse();
            assertThat(peer.connections()).isEqualTo(1);
            assertThat(peer.greetings()).hasSize(1); // it said EHLO

            peer.close();
            long stopped = System.nanoTime();
            JsonObject down = await(() -> container.check("default"), "DOWN", Duration.ofSeconds(10));
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(1 + 2 + 2));
            assertThat(down.getJsonObject("data").getString("reason-id")).matches("CDIMAIL-\\d{5}");
            assertThat(down.getJsonObject("data").getString("reason")).startsWith("CDIMAIL-");
            assertThat(container.readiness().getString("status")).isEqualTo("DOWN");
        } finally {
            peer.close();
        }
    }

    @Test
    void probesWithinTheIntervalAnswerFromTheLastCheckWithoutDialling() throws Exception {
        try (ScriptedSmtpServer peer = ScriptedSmtpServer.start();
                HealthContainer container = HealthContainer.start("mail.host", "127.0.0.1", "mail.port",
                        Integer.toString(peer.port()), "mail.health.interval", "PT1H")) {
            String first = container.check("default").getJsonObject("data").getString("checked-at");
            for (int i = 0; i < 25; i++) {
                JsonObject check = container.check("default");
                assertThat(check.getString("status")).isEqualTo("UP");
                assertThat(check.getJsonObject("data").getString("checked-at")).isEqualTo(first);
            }
            assertThat(peer.connections()).isEqualTo(1);
        }
    }

    @Test
    void aServerThatNeverAnswersIsDownWithoutHoldingTheProbeLongerThanTheTimeout() throws Exception {
        try (ScriptedSmtpServer peer = ScriptedSmtpServer.start().silent();
                HealthContainer container = HealthContainer.start("mail.host", "127.0.0.1", "mail.port",
                        Integer.toString(peer.port()), "mail.timeout", "1", "mail.health.interval", "PT1H")) {
            long start = System.nanoTime();
            JsonObject check = container.check("default");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
            assertThat(check.getString("status")).isEqualTo("DOWN");
            // Either the probe's own wait (390) or the greeting's timeout (310) ended first.
            assertThat(check.getJsonObject("data").getString("reason-id")).isIn("CDIMAIL-00390", "CDIMAIL-00310");
        }
    }

    @Test
    void implicitTlsMustHandshakeWithATrustedCertificate(@TempDir Path dir) throws Exception {
        TestCertificates server = TestCertificates.generate(dir, "server", "ip:127.0.0.1,dns:localhost");
        try (ScriptedSmtpServer peer = ScriptedSmtpServer.start().implicitTls(server.serverContext(null), false);
                HealthContainer container = HealthContainer.start("mail.host", "127.0.0.1", "mail.port",
                        Integer.toString(peer.port()), "mail.use-ssl", "true", "mail.timeout", "PT2S",
                        "mail.default.ssl-trust-certfile", server.certificatePem().toString(),
                        "mail.untrusting.backend", "smtp", "mail.plain.backend", "smtp",
                        "mail.plain.use-ssl", "false")) {
            assertThat(container.check("default").getString("status")).isEqualTo("UP");
            assertThat(peer.greetings()).hasSize(1);
            // The JVM's trust store does not know the peer's certificate: the handshake fails.
            assertThat(container.check("untrusting").getString("status")).isEqualTo("DOWN");
            // Without TLS the client waits for a greeting the TLS server never sends in clear text.
            assertThat(container.check("plain").getString("status")).isEqualTo("DOWN");
            assertThat(peer.greetings()).hasSize(1);
        }
    }

    @Test
    void anAliasWhoseBackendIsNotSmtpIsUpWithoutAServer() {
        try (HealthContainer container = HealthContainer.start("mail.backend", "locmem", "mail.outbox.backend",
                "console")) {
            JsonObject check = container.check("outbox");
            assertThat(check.getString("status")).isEqualTo("UP");
            assertThat(check.getJsonObject("data").getString("backend")).isEqualTo("console");
            assertThat(check.getJsonObject("data").containsKey("server")).isFalse();
            assertThat(container.check("default").getString("status")).isEqualTo("UP");
        }
    }

    @Test
    void healthEnabledFalseLeavesTheAliasOut() {
        try (HealthContainer container = HealthContainer.start("mail.backend", "smtp", "mail.port", "1",
                "mail.default.health.enabled", "false", "mail.outbox.backend", "locmem")) {
            assertThat(container.readiness().getJsonArray("checks").stream().map(JsonObject.class::cast)
                    .map(c -> c.getString("name"))).containsExactly("cdi-mail.outbox");
            assertThat(container.readiness().getString("status")).isEqualTo("UP");
        }
    }

    @Test
    void aWrongHealthSettingFailsTheDeploymentNamingTheKey() {
        assertThatThrownBy(() -> HealthContainer.start("mail.backend", "locmem", "mail.health.interval", "soon").close())
                .isInstanceOf(DeploymentException.class).hasMessageContaining("mail.health.interval");
        assertThatThrownBy(() -> HealthContainer.start("mail.backend", "locmem", "mail.default.health.queue.max-dead",
                "-1").close()).isInstanceOf(DeploymentException.class)
                .hasMessageContaining("mail.default.health.queue.max-dead").hasMessageContaining("CDIMAIL-00394");
    }
}

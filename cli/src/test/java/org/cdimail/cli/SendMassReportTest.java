package org.cdimail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send-mass --report} against a server that refuses some recipients temporarily
 * ({@code 450}, {@code 451}) and others permanently ({@code 550}), all lines in one chunk.
 */
class SendMassReportTest {

    private static final List<String> LINES = List.of(
            "{\"subject\": \"1\", \"to\": \"ada@example.com\"}",
            "{\"subject\": \"2\", \"to\": [\"bob@example.com\", \"full@example.com\"]}",
            "{\"subject\": \"3\", \"to\": \"gone@example.com\"}",
            "{\"subject\": \"4\", \"to\": [\"grey@example.com\", \"carol@example.com\"], \"cc\": \"gone@example.com\"}",
            "{\"subject\": \"5\", \"to\": [",
            "",
            "{\"subject\": \"7\", \"to\": \"dave@example.com\"}");

    @TempDir
    Path dir;

    private ScriptedSmtpPeer smtp;

    @BeforeEach
    void startServer() throws IOException {
        smtp = ScriptedSmtpPeer.start()
                .replying("full@example.com", "450 4.2.2 Mailbox full")
                .replying("grey@example.com", "451 4.7.1 Greylisted, try again later")
                .replying("gone@example.com", "550 5.1.1 No such user");
    }

    @AfterEach
    void stopServer() throws Exception {
        smtp.close();
    }

    private List<JsonObject> sendMassWithReport() throws IOException {
        Files.write(dir.resolve("messages.jsonl"), LINES);

        CliRun.Result result = CliRun.run(dir, smtp.with("send-mass", "messages.jsonl", "--backend", "smtp",
                "--report", "report.jsonl"));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.SOME_FAILED);
        assertThat(result.out()).as(result.toString()).contains("Sent 2 of 6 messages").contains("Failed: 4 (2 of them delivered to some recipients)")
                .doesNotContain("@example.com");
        return Files.readAllLines(dir.resolve("report.jsonl")).stream().map(SendMassReportTest::parse).toList();
    }

    @Test
    void reportsEveryLineWithItsAcceptedAndRefusedRecipientsAndTheServerGetsEachAcceptedMessageOnce() throws IOException {
        List<JsonObject> report = sendMassWithReport();

        assertThat(report).extracting(line -> line.getInt("line")).containsExactly(1, 2, 3, 4, 5, 7);
        assertThat(report).extracting(line -> line.getString("status"))
                .containsExactly("sent", "partly_sent", "not_sent", "partly_sent", "invalid", "sent");
        assertThat(accepted(report.get(0))).containsExactly("ada@example.com");
        assertThat(accepted(report.get(1))).containsExactly("bob@example.com");
        assertThat(refused(report.get(1))).containsOnlyKeys("full@example.com");
        assertThat(accepted(report.get(2))).isEmpty();
        assertThat(refused(report.get(2))).containsOnlyKeys("gone@example.com");
        assertThat(accepted(report.get(3))).containsExactly("carol@example.com");
        assertThat(refused(report.get(3))).containsOnlyKeys("grey@example.com", "gone@example.com");
        assertThat(accepted(report.get(5))).containsExactly("dave@example.com");
        assertThat(report.get(0)).doesNotContainKey("error");
        assertThat(report.subList(1, 5)).allSatisfy(line -> assertThat(line.getString("error")).doesNotContain("@"));
        JsonObject invalid = report.get(4);
        assertThat(invalid.keySet()).containsExactlyInAnyOrder("line", "status", "error");
        assertThat(invalid.getString("error")).startsWith("invalid JSON");

        assertThat(smtp.received()).extracting(ScriptedSmtpPeer.Received::recipients).containsExactlyInAnyOrder(
                List.of("ada@example.com"), List.of("bob@example.com"), List.of("carol@example.com"),
                List.of("dave@example.com"));
        assertThat(smtp.received()).extracting(m -> header(m.data(), "Subject")).containsExactlyInAnyOrder("1", "2", "4", "7");
    }

    @Test
    void reportsTheCodesOfEachRefusalWhetherItIsTemporaryAndTheServersIdsOfEachSentMessage() throws IOException {
        List<JsonObject> report = sendMassWithReport();

        assertThat(refusal(report.get(1), "full@example.com")).containsEntry("code", 450)
                .containsEntry("enhanced_code", "4.2.2").containsEntry("temporary", true);
        assertThat(refusal(report.get(2), "gone@example.com")).containsEntry("code", 550)
                .containsEntry("enhanced_code", "5.1.1").containsEntry("temporary", false);
        assertThat(refusal(report.get(3), "grey@example.com")).containsEntry("code", 451)
                .containsEntry("enhanced_code", "4.7.1").containsEntry("temporary", true);
        assertThat(refusal(report.get(3), "gone@example.com")).containsEntry("code", 550)
                .containsEntry("enhanced_code", "5.1.1").containsEntry("temporary", false);
        for (int i : new int[] {0, 1, 3, 5}) {
            JsonObject line = report.get(i);
            ScriptedSmtpPeer.Received received = smtp.received().stream()
                    .filter(m -> header(m.data(), "Subject").equals(Integer.toString(line.getInt("line"))))
                    .findFirst().orElseThrow();
            assertThat(line.getInt("reply_code")).isEqualTo(250);
            assertThat(line.getString("queue_id")).isEqualTo(received.queueId());
            assertThat(line.getString("message_id")).isEqualTo(header(received.data(), "Message-ID"));
            assertThat(line.getString("sent_at")).isNotBlank();
        }
    }

    private static JsonObject parse(String line) {
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            return reader.readObject();
        }
    }

    private static List<String> accepted(JsonObject line) {
        return line.getJsonArray("accepted").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** The refused recipients, each with its refusal. */
    private static Map<String, JsonObject> refused(JsonObject line) {
        return line.getJsonArray("refused").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(r -> r.getString("recipient"), r -> r));
    }

    /** A refusal's fields as plain Java values: code and enhanced code, temporary. */
    private static Map<String, Object> refusal(JsonObject line, String recipient) {
        JsonObject refusal = refused(line).get(recipient);
        assertThat(refusal).as("refusal of a recipient of line " + line.getInt("line")).isNotNull();
        Map<String, Object> values = new HashMap<>();
        refusal.forEach((key, value) -> values.put(key, switch (value.getValueType()) {
            case NUMBER -> refusal.getInt(key);
            case STRING -> refusal.getString(key);
            case TRUE -> true;
            case FALSE -> false;
            default -> value.toString();
        }));
        return values;
    }

    private static String header(String data, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ": (.*)$").matcher(data);
        return m.find() ? m.group(1).strip() : "";
    }

    @Test
    void sendsEveryChunkOverTheOneConnectionItOpened() throws IOException {
        Files.write(dir.resolve("many.jsonl"), manyLines(1200));

        CliRun.Result result = CliRun.run(dir, smtp.with("send-mass", "many.jsonl", "--backend", "smtp", "--chunk-size", "100"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(smtp.received()).hasSize(1200);
        assertThat(smtp.connections()).isEqualTo(1);
    }

    @Test
    void spreadsEachChunkOverThePoolWhenTheAliasHasOne() throws IOException {
        Files.write(dir.resolve("many.jsonl"), manyLines(1200));

        CliRun.Result result = CliRun.run(dir, smtp.with("send-mass", "many.jsonl", "--backend", "smtp",
                "--set", "mail.smtp.pool.max-connections=3"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(smtp.received()).extracting(m -> header(m.data(), "Subject")).doesNotHaveDuplicates().hasSize(1200);
        assertThat(smtp.connections()).as("the check of the first connection, then the pool's").isGreaterThan(2);
    }

    private static List<String> manyLines(int count) {
        return java.util.stream.IntStream.rangeClosed(1, count)
                .mapToObj(i -> "{\"subject\": \"" + i + "\", \"to\": \"user" + i + "@example.com\"}").toList();
    }
}

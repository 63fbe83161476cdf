package org.cdimail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web view's JSON API, as {@code docs/debug-server.md} documents it, over real SMTP and HTTP. */
class DebugServerWebApiTest {

    @TempDir
    Path dir;

    @Test
    void listsMessagesNewestFirstWithWhatTheListShows() throws Exception {
        try (WebDebugServer server = WebDebugServer.start(dir)) {
            WebTestMessages.sendNewsletter(server.smtpPort(), "Quarterly report");
            server.awaitMessage(1);
            WebTestMessages.sendText(server.smtpPort(), "Grüße aus Köln", "Hallo");
            server.awaitMessage(2);

            JsonObject list = server.json("/api/v1/messages");

            assertThat(list.getInt("total")).isEqualTo(2);
            assertThat(list.getInt("count")).isEqualTo(2);
            JsonObject newest = list.getJsonArray("messages").getJsonObject(0);
            JsonObject oldest = list.getJsonArray("messages").getJsonObject(1);
            assertThat(newest.getInt("id")).isEqualTo(2);
            assertThat(newest.getString("subject")).isEqualTo("Grüße aus Köln");
            assertThat(newest.getInt("attachments")).isZero();
            assertThat(oldest.getInt("id")).isEqualTo(1);
            assertThat(oldest.getString("subject")).isEqualTo("Quarterly report");
            assertThat(oldest.getInt("attachments")).as("the PDF; the inline logo is not an attachment").isEqualTo(1);
            assertThat(oldest.getJsonArray("from").getJsonObject(0).getString("name")).isEqualTo("Ada Lovelace");
            assertThat(oldest.getJsonArray("from").getJsonObject(0).getString("address")).isEqualTo("ada@example.com");
            assertThat(oldest.getJsonArray("to").getJsonObject(0).getString("address")).isEqualTo("bob@example.com");
            assertThat(oldest.getJsonArray("cc").getJsonObject(0).getString("address")).isEqualTo("carol@example.com");
            assertThat(oldest.getInt("size")).isGreaterThan(WebTestMessages.PDF.length);
            assertThat(Instant.parse(oldest.getString("received"))).isBeforeOrEqualTo(Instant.now());
            assertThat(server.json("/api/v1/messages?limit=1").getJsonArray("messages")).hasSize(1);
            assertThat(server.get("/api/v1/messages?limit=0").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void givesOneMessageTakenApartAndEachPartAsAnAttachment() throws Exception {
        try (WebDebugServer server = WebDebugServer.start(dir)) {
            WebTestMessages.sendNewsletter(server.smtpPort(), "Quarterly report");
            server.awaitMessage(1);

            JsonObject message = server.json("/api/v1/message/1");

            assertThat(message.getString("subject")).isEqualTo("Quarterly report");
            assertThat(message.getJsonObject("envelope").getString("from")).isEqualTo("ada@example.com");
            assertThat(message.getJsonObject("envelope").getJsonArray("to").getValuesAs(JsonString::getString))
                    .containsExactly("bob@example.com", "carol@example.com");
            assertThat(message.getJsonArray("headers").getValuesAs(JsonObject.class))
                    .anySatisfy(h -> assertThat(h.getString("name") + ": " + h.getString("value"))
                            .isEqualTo("From: Ada Lovelace <ada@example.com>"));
            assertThat(message.getString("rawHeaders")).contains("Subject: Quarterly report").doesNotContain("%PDF");
            assertThat(message.getString("text")).contains("The quarterly report is attached.");
            assertThat(message.getString("html")).contains("<img id=\"logo\" src=\"cid:logo\"");
            assertThat(message.getString("htmlUrl")).isEqualTo("/view/1/html");
            assertThat(message.getString("rawUrl")).isEqualTo("/api/v1/message/1/raw");
            assertThat(message.getBoolean("hasRemoteContent")).isFalse();
            List<JsonObject> parts = message.getJsonArray("parts").getValuesAs(JsonObject.class);
            assertThat(parts).extracting(p -> p.getString("kind") + " " + p.getString("contentType") + " " + p.getString("filename"))
                    .containsExactly("body text/plain ", "body text/html ", "inline image/png logo.png",
                            "attachment application/pdf report.pdf");
            assertThat(parts.get(2).getString("contentId")).isEqualTo("logo");
            assertThat(parts.get(3).getInt("size")).isEqualTo(WebTestMessages.PDF.length);

            HttpResponse<byte[]> pdf = server.getBytes(parts.get(3).getString("url"));
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.body()).isEqualTo(WebTestMessages.PDF);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(pdf.headers().firstValue("Content-Disposition")).hasValue(
                    "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
            assertThat(pdf.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(server.getBytes("/api/v1/message/1/part/2").body()).isEqualTo(WebTestMessages.LOGO);
            assertThat(server.get("/api/v1/message/1/part/4").statusCode()).isEqualTo(404);
            assertThat(server.get("/api/v1/message/9").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void givesTheRawSourceAsReceived() throws Exception {
        try (WebDebugServer server = WebDebugServer.start(dir)) {
            WebTestMessages.sendNewsletter(server.smtpPort(), "Grüße aus Köln");
            server.awaitMessage(1);

            HttpResponse<byte[]> raw = server.getBytes("/api/v1/message/1/raw");
            HttpResponse<byte[]> download = server.getBytes("/api/v1/message/1/raw?download=1");

            assertThat(raw.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            MimeMessage reread = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.body()));
            assertThat(reread.getSubject()).isEqualTo("Grüße aus Köln");
            assertThat(download.body()).isEqualTo(raw.body());
            assertThat(download.headers().firstValue("Content-Disposition")).hasValue(
                    "attachment; filename=\"message-1.eml\"; filename*=UTF-8''message-1.eml");
        }
    }

    @Test
    void searchesSubjectAddressesAndText() throws Exception {
        try (WebDebugServer server = WebDebugServer.start(dir)) {
            WebTestMessages.sendText(server.smtpPort(), "Invoice 42", "Please pay by Friday.");
            server.awaitMessage(1);
            WebTestMessages.sendText(server.smtpPort(), "Welcome", "Your account is ready, ünïcödé.");
            server.awaitMessage(2);
            WebTestMessages.sendNewsletter(server.smtpPort(), "Quarterly report");
            server.awaitMessage(3);

            assertThat(ids(server, "invoice")).containsExactly(1);
            assertThat(ids(server, "FRIDAY")).containsExactly(1);
            assertThat(ids(server, "ÜNÏCÖDÉ")).containsExactly(2);
            assertThat(ids(server, "carol@example")).containsExactly(3, 2, 1);
            assertThat(ids(server, "lovelace quarterly")).as("every word must match").containsExactly(3);
            assertThat(ids(server, "Köln")).as("the HTML body, without its tags").containsExactly(3);
            assertThat(ids(server, "nowhere")).isEmpty();
            assertThat(ids(server, "")).containsExactly(3, 2, 1);
        }
    }

    @Test
    void deletesOneMessageThenAll() throws Exception {
        try (WebDebugServer server = WebDebugServer.start(dir)) {
            for (int i = 1; i <= 3; i++) {
                WebTestMessages.sendText(server.smtpPort(), "Message " + i, "Body " + i);
                server.awaitMessage(i);
            }

            assertThat(server.delete("/api/v1/message/2").statusCode()).isEqualTo(204);
            assertThat(server.delete("/api/v1/message/2").statusCode()).isEqualTo(404);
            assertThat(server.get("/api/v1/message/2").statusCode()).isEqualTo(404);
            assertThat(ids(server, "")).containsExactly(3, 1);

            HttpResponse<String> all = server.delete("/api/v1/messages");
            assertThat(all.statusCode()).isEqualTo(200);
            assertThat(WebDebugServer.parse(all.body()).getInt("deleted")).isEqualTo(2);
            assertThat(server.json("/api/v1/messages").getInt("total")).isZero();
            assertThat(server.get("/api/v1/message/1/raw").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void keepsAtMostWebMaxMessagesDroppingTheOldest() throws Exception {
        try (WebDebugServer server = WebDebugServer.start(dir, "--web-max", "2")) {
            for (int i = 1; i <= 3; i++) {
                WebTestMessages.sendText(server.smtpPort(), "Message " + i, "Body " + i);
                server.awaitMessage(i);
            }

            assertThat(ids(server, "")).containsExactly(3, 2);
            assertThat(server.get("/api/v1/message/1").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void withSaveServesTheSavedFilesAndKeepsThemWhenMessagesAreDeleted() throws Exception {
        try (WebDebugServer server = WebDebugServer.start(dir, "--save", "saved")) {
            WebTestMessages.sendNewsletter(server.smtpPort(), "Saved");
            server.awaitMessage(1);

            Path file;
            try (Stream<Path> files = Files.list(dir.resolve("saved"))) {
                file = files.findFirst().orElseThrow();
            }
            assertThat(server.getBytes("/api/v1/message/1/raw").body()).isEqualTo(Files.readAllBytes(file));
            assertThat(server.delete("/api/v1/messages").statusCode()).isEqualTo(200);
            assertThat(file).exists();
        }
    }

    @Test
    void servesTheHtmlBodySandboxedWithItsImagesRewrittenToPartUrls() throws Exception {
        try (WebDebugServer server = WebDebugServer.start(dir)) {
            WebTestMessages.sendNewsletter(server.smtpPort(), "Quarterly report");
            server.awaitMessage(1);

            HttpResponse<String> html = server.get("/view/1/html");
            HttpResponse<String> remote = server.get("/view/1/html?remote=1");

            String parts = server.url("/api/v1/message/1/part/");
            assertThat(html.body()).contains("<img id=\"logo\" src=\"" + parts + "2\"");
            assertThat(html.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'; img-src "
                    + parts + " data:; style-src 'unsafe-inline'; font-src " + parts + " data:; base-uri 'none'; "
                    + "form-action 'none'; frame-ancestors " + server.url(""));
            assertThat(remote.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .startsWith("sandbox; default-src 'none'; img-src " + parts + " data: http: https:;");
            assertThat(server.get("/").headers().firstValue("Content-Security-Policy").orElseThrow())
                    .startsWith("default-src 'self';").doesNotContain("unsafe-inline");
        }
    }

    @Test
    void refusesAnotherHostNameAsDnsRebindingWouldSendAndAForeignOriginsDelete() throws Exception {
        try (WebDebugServer server = WebDebugServer.start(dir)) {
            assertThat(statusOf(server, "GET", "/api/v1/messages", "Host: attacker.example:" + server.webPort()))
                    .isEqualTo(403);
            assertThat(statusOf(server, "GET", "/api/v1/messages", "Host: localhost:" + server.webPort())).isEqualTo(200);
            assertThat(statusOf(server, "DELETE", "/api/v1/messages", "Host: 127.0.0.1:" + server.webPort(),
                    "Origin: http://attacker.example")).isEqualTo(403);
            assertThat(statusOf(server, "DELETE", "/api/v1/messages", "Host: 127.0.0.1:" + server.webPort(),
                    "Origin: http://127.0.0.1:" + server.webPort())).isEqualTo(200);
        }
    }

    @Test
    void refusesAWrongWebMaxAndABusyWebPortWithOneLineAndExitCode2() throws IOException {
        CliRun.Result zero = CliRun.run(dir, "debug-server", "--port", "0", "--web", "0", "--web-max", "0");
        assertThat(zero.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err()).isEqualTo("cdi-mail: CDIMAIL-00414: --web-max must be at least 1\n");
        CliRun.Result withoutWeb = CliRun.run(dir, "debug-server", "--port", "0", "--web-max", "5");
        assertThat(withoutWeb.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(withoutWeb.err()).isEqualTo("cdi-mail: CDIMAIL-00414: --web-max is only meaningful with --web\n");

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRun.Result busy = CliRun.run(dir, "debug-server", "--port", "0", "--web", Integer.toString(taken.getLocalPort()));
            assertThat(busy.exitCode()).as(busy.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(busy.err()).startsWith("cdi-mail: CDIMAIL-00415: debug-server: the web view cannot listen on 127.0.0.1:")
                    .hasLineCount(1);
        }
    }

    private static List<Integer> ids(WebDebugServer server, String query) throws IOException, InterruptedException {
        String encoded = URLEncoder.encode(query, StandardCharsets.UTF_8);
        return server.json("/api/v1/messages?query=" + encoded).getJsonArray("messages").getValuesAs(JsonValue.class)
                .stream().map(v -> v.asJsonObject().getInt("id")).toList();
    }

    /** A request written by hand: {@code java.net.http} does not let a caller set {@code Host}. */
    private static int statusOf(WebDebugServer server, String method, String path, String... headers) throws IOException {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.webPort())) {
            socket.setSoTimeout((int) WebDebugServer.WAIT.toMillis());
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(response.substring(9, 12));
        }
    }
}

package org.cdimail.cli;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/** {@code cdi-mail debug-server --port 0 --web 0} running in this JVM, and an HTTP client for its web view. */
final class WebDebugServer implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);

    private final CliRun.Background run;
    private final int smtpPort;
    private final int webPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

    private WebDebugServer(CliRun.Background run, int smtpPort, int webPort) {
        this.run = run;
        this.smtpPort = smtpPort;
        this.webPort = webPort;
    }

    /**
     * Starts the debug server with its web view on free ports.
     *
     * @param dir   the working directory
     * @param extra more options, such as {@code --web-max 2}
     * @return the running server
     */
    static WebDebugServer start(Path dir, String... extra) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("debug-server", "--port", "0", "--web", "0"));
        args.addAll(List.of(extra));
        CliRun.Background run = new CliRun.Background(dir, args.toArray(String[]::new));
        try {
            int smtp = Integer.parseInt(run.awaitOutput(Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)"), WAIT).group(1));
            int web = Integer.parseInt(run.awaitOutput(Pattern.compile("Web view: http://127\\.0\\.0\\.1:(\\d+)/"), WAIT).group(1));
            return new WebDebugServer(run, smtp, web);
        } catch (AssertionError | RuntimeException e) {
            run.close();
            throw e;
        }
    }

    int smtpPort() {
        return smtpPort;
    }

    int webPort() {
        return webPort;
    }

    String url(String path) {
        return "http://127.0.0.1:" + webPort + path;
    }

    /** Waits until the server has taken message {@code number} (the terminal prints it after the web view has it). */
    void awaitMessage(int number) throws InterruptedException {
        run.awaitOutput(Pattern.compile("end of message " + number + " -"), WAIT);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return http.send(request(path).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs a JSON object, asserting status 200. */
    JsonObject json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return parse(response.body());
    }

    static JsonObject parse(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(WAIT);
    }

    CliRun.Result stop() throws InterruptedException {
        return run.stop();
    }

    @Override
    public void close() {
        run.close();
    }
}

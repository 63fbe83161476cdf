package org.cdimail.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One broker ({@link StandaloneBroker}, what {@code cdi-mail broker} runs) and two worker JVMs competing for one queue. */
class ScaleOutTest {

    /** 10,000, the size issue 14 asks for; {@code -Dqueue.scale.messages=N} runs another. */
    private static final int MESSAGES = Integer.getInteger("queue.scale.messages", 10_000);

    @TempDir
    Path dir;

    private ScriptedSmtpPeer peer;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void startPeer() throws IOException {
        peer = new ScriptedSmtpPeer();
    }

    @AfterEach
    void stopAll() throws IOException {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
        peer.close();
    }

    private Process fork(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ForkedQueueMain.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    private String log(String name) {
        try {
            Path file = dir.resolve(name + ".log");
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private long delivered(String name) {
        return log(name).lines().filter(l -> l.startsWith("delivered ")).mapToLong(l -> Long.parseLong(l.substring(10).strip()))
                .findFirst().orElse(-1);
    }

    @Test
    void twoWorkerJvmsOnOneBrokerDeliverEverythingOnceAndBothDoPartOfTheWork() throws Exception {
        int brokerPort = freePort();
        String url = "tcp://127.0.0.1:" + brokerPort;
        fork("broker", "broker", dir.resolve("journal").toString(), String.valueOf(brokerPort));
        CrashTest.await("the broker listens", Duration.ofSeconds(60), () -> log("broker").contains("listening on"));
        Path go = dir.resolve("go");
        Process first = fork("worker1", "drain", url, String.valueOf(peer.port()), go.toString());
        Process second = fork("worker2", "drain", url, String.valueOf(peer.port()), go.toString());
        CrashTest.await("both workers connected", Duration.ofSeconds(60),
                () -> log("worker1").contains("ready") && log("worker2").contains("ready"));

        try (QueueRuntime runtime = QueueRuntime.start(ForkedQueueMain.remoteConfig(url, peer.port()))) {
            runtime.mailer().sendMassMail(IntStream.range(0, MESSAGES).mapToObj(ForkedQueueMain::message).toList());
        }
        Files.createFile(go);
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(peer.deliveries()).hasSize(MESSAGES);
        assertThat(peer.deliveries().values()).allSatisfy(count -> assertThat(count).isEqualTo(1));
        long one = delivered("worker1");
        long two = delivered("worker2");
        assertThat(one).isPositive();
        assertThat(two).isPositive();
        assertThat(one + two).isEqualTo(MESSAGES);
        System.out.printf("ScaleOutTest: worker 1 delivered %d, worker 2 delivered %d%n", one, two);
    }
}

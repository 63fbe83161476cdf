package org.cdimail.tck.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.cdimail.spi.EmailBackend;
import org.cdimail.tck.Assertion;
import org.cdimail.tck.Assertion.Strategy;
import org.cdimail.tck.FileBackend;
import org.cdimail.tck.support.FileInspector;
import org.cdimail.tck.support.MailTestBase;
import org.cdimail.tck.support.SeparatedMessages;
import org.cdimail.tck.support.TckDeployment;
import org.cdimail.tck.support.TckRuns;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The {@code file} backend's files: Django's {@code FileBackendTests}. */
@FileBackend
public class FileBackendTest extends MailTestBase {

    /**
     * The deployment: the {@code default} alias writes under a new temporary directory, and the
     * {@code nested} alias under a directory that does not exist yet.
     *
     * @return the deployment
     */
    @Deployment
    public static WebArchive deployment() {
        TckDeployment deployment = TckDeployment.of(FileBackendTest.class);
        Path nested = deployment.inspector(FileInspector.class).directory().resolve("not").resolve("yet");
        return deployment.config("mail.nested.backend", "file").config("mail.nested.file-path", nested.toString())
                .build();
    }

    private List<Path> files() {
        return TckRuns.inspector(getClass(), FileInspector.class).files();
    }

    /**
     * B-FILE {@code test_file_sessions}: one file per opened connection; messages sent over an
     * open connection are appended to its file, each followed by a line of 79 dashes.
     */
    @Assertion(id = "test_file_sessions", strategy = Strategy.REPRODUCED)
    public void writesOneFilePerOpenedConnection() throws IOException {
        try (EmailBackend connection = mailer.connection()) {
            connection.open();
            connection.sendMessages(List.of(message("First").build()));
            connection.sendMessages(List.of(message("Second").build()));
        }
        assertEquals(1, files().size());
        String content = Files.readString(files().get(0), StandardCharsets.UTF_8);
        assertEquals(2, content.lines().filter(SeparatedMessages.SEPARATOR::equals).count());
        try (EmailBackend other = mailer.connection()) {
            other.sendMessages(List.of(message("Third").build()));
        }
        assertEquals(2, files().size());
        assertEquals(3, delivered().size());
    }

    /**
     * B-FILE, improved: Django names files by timestamp and object id; here connections opened
     * at the same moment, from several threads, still get distinct files.
     */
    @Assertion(id = "connections-opened-together-get-distinct-files", strategy = Strategy.IMPROVED)
    public void connectionsOpenedTogetherGetDistinctFiles() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            threads.add(new Thread(() -> {
                try (EmailBackend connection = mailer.connection()) {
                    connection.sendMessages(List.of(message("Parallel " + n).build()));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        assertEquals(6, new HashSet<>(files()).size());
        assertEquals(6, delivered().size());
    }

    /** B-FILE, design: a file path that does not exist yet is created. */
    @Assertion(id = "creates-a-missing-directory", strategy = Strategy.ADDED)
    public void createsAMissingDirectory() {
        assertEquals(1, mailer.using("nested").send(message("Nested").build()));
        Path nested = TckRuns.inspector(getClass(), FileInspector.class).directory().resolve("not").resolve("yet");
        assertTrue(Files.isDirectory(nested));
    }
}

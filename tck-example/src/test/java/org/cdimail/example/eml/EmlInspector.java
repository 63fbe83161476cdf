package org.cdimail.example.eml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.enterprise.inject.Instance;

import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.spi.MailboxInspector;

/**
 * The example backend's porting package: tells the TCK how to configure the {@code eml}
 * backend and how to read what it delivered. Registered in
 * {@code META-INF/services/org.cdimail.tck.spi.MailboxInspector}.
 */
public class EmlInspector implements MailboxInspector {

    private final Path folder;

    /** Creates the inspector and a new, empty folder. */
    public EmlInspector() {
        try {
            folder = Files.createTempDirectory("eml-tck");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String backend() {
        return "eml";
    }

    @Override
    public Map<String, String> configuration(String alias) {
        return Map.of(MailboxInspector.key(alias, "backend"), backend(), "mail.eml-folder", folder.toString());
    }

    /**
     * Makes the backend fail: the alias's own {@code mail.<alias>.eml-folder}, which the backend
     * reads through its {@code BackendContext}, lies under a regular file, so no folder can be
     * created there.
     */
    @Override
    public Map<String, String> failingConfiguration(String alias) {
        try {
            Path file = Files.createTempFile("eml-tck", ".file");
            file.toFile().deleteOnExit();
            return Map.of(MailboxInspector.key(alias, "backend"), backend(), MailboxInspector.key(alias, "eml-folder"),
                    file.resolve("folder").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<DeliveredMail> delivered(Instance<Object> beans) {
        List<DeliveredMail> delivered = new ArrayList<>();
        for (Path eml : files(".eml")) {
            String name = eml.getFileName().toString();
            Path envelope = eml.resolveSibling(name.substring(0, name.length() - ".eml".length()) + ".envelope");
            try {
                List<String> lines = Files.readAllLines(envelope, StandardCharsets.UTF_8);
                delivered.add(DeliveredMail.of(Files.readAllBytes(eml),
                        new DeliveredMail.Envelope(lines.get(0), lines.subList(1, lines.size()))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return delivered;
    }

    @Override
    public void clear(Instance<Object> beans) {
        for (Path file : files("")) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public boolean recordsEnvelope() {
        return true;
    }

    @Override
    public void close() {
        clear(null);
        try {
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> files(String suffix) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

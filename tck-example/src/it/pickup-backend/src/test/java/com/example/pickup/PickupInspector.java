package com.example.pickup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.enterprise.inject.Instance;

import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.spi.MailboxInspector;

/** Reads the pickup directory for the TCK. */
public class PickupInspector implements MailboxInspector {

    private final Path directory;

    public PickupInspector() {
        try {
            directory = Files.createTempDirectory("pickup-tck");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String backend() {
        return "pickup";
    }

    @Override
    public Map<String, String> configuration(String alias) {
        return Map.of(MailboxInspector.key(alias, "backend"), backend(), "pickup.directory", directory.toString());
    }

    @Override
    public List<DeliveredMail> delivered(Instance<Object> beans) {
        List<DeliveredMail> delivered = new ArrayList<>();
        for (Path eml : files(".eml")) {
            String name = eml.getFileName().toString();
            Path envelope = eml.resolveSibling(name.replace(".eml", ".envelope"));
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
                Files.delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public boolean recordsEnvelope() {
        return true;
    }

    private List<Path> files(String suffix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.cdimail.tck.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.enterprise.inject.Instance;

import org.cdimail.tck.spi.DeliveredMail;
import org.cdimail.tck.spi.MailboxInspector;

/**
 * Reads the {@code file} backend: configures {@code file-path} to a new temporary directory and
 * reads every file in it, oldest first, each split at the 79-dash separator lines.
 */
public final class FileInspector implements MailboxInspector {

    private final Path directory;

    /** Creates the inspector and its temporary directory. */
    public FileInspector() {
        try {
            directory = Files.createTempDirectory("cdimail-tck-file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String backend() {
        return "file";
    }

    /**
     * The directory the backend writes to.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    @Override
    public Map<String, String> configuration(String alias) {
        Map<String, String> config = new HashMap<>(MailboxInspector.super.configuration(alias));
        config.put(MailboxInspector.key(alias, "file-path"), directory.toString());
        return config;
    }

    /**
     * The files written so far, oldest first.
     *
     * @return the files
     */
    public List<Path> files() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(FileInspector::modified).thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<DeliveredMail> delivered(Instance<Object> beans) {
        List<DeliveredMail> all = new ArrayList<>();
        for (Path file : files()) {
            try {
                all.addAll(SeparatedMessages.split(Files.readAllBytes(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    @Override
    public void clear(Instance<Object> beans) {
        for (Path file : files()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

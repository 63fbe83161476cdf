package org.cdimail.it.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Fresh working directories, one per server run. */
public final class Directories {

    private Directories() {
    }

    /**
     * Deletes a directory tree if it exists and creates it empty.
     *
     * @param directory the directory
     * @return {@code directory}
     * @throws IOException if it cannot be deleted or created
     */
    public static Path recreate(Path directory) throws IOException {
        if (Files.exists(directory)) {
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(directory)) {
                paths = walk.sorted(Comparator.reverseOrder()).toList();
            }
            for (Path path : paths) {
                Files.delete(path);
            }
        }
        return Files.createDirectories(directory);
    }
}

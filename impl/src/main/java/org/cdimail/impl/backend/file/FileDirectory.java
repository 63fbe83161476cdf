package org.cdimail.impl.backend.file;

import static org.cdimail.impl.ImplError.FILE_PATH_NOT_WRITABLE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cdimail.impl.config.InvalidSettingException;

/** Checks at deployment that the {@code file} backend can write where it is told to. */
public final class FileDirectory {

    private FileDirectory() {
    }

    /**
     * Creates {@code directory} if missing and proves it writable by creating and deleting a file
     * in it (permission bits alone do not tell, for example for root or on read-only mounts).
     *
     * @param directory the configured directory
     * @param key       the key that configured it, for the message
     * @throws InvalidSettingException naming {@code key} if the directory cannot be written
     */
    public static void check(Path directory, String key) {
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".cdi-mail-", ".probe");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new InvalidSettingException(key, FILE_PATH_NOT_WRITABLE.message(key
                    + " is not a directory the file backend can write to (" + e.getClass().getSimpleName() + ")"));
        }
    }
}

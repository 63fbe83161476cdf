package org.cdimail.example.eml;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.cdimail.EmailMessage;
import org.cdimail.MailException;

/**
 * Writes messages into a folder: each message as {@code <n>.eml}, and who it was delivered to
 * as {@code <n>.envelope} (the sender on the first line, then one recipient per line).
 */
final class EmlFolder {

    /** Orders files across connections and threads. */
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private EmlFolder() {
    }

    static void write(Path folder, EmailMessage message, String sender, List<String> recipients) {
        String name = String.format("%019d", SEQUENCE.incrementAndGet());
        try {
            Files.createDirectories(folder);
            Path eml = folder.resolve(name + ".eml.part");
            try (OutputStream out = Files.newOutputStream(eml)) {
                message.writeTo(out);
            }
            Files.writeString(folder.resolve(name + ".envelope"),
                    sender + "\n" + String.join("\n", recipients) + "\n", StandardCharsets.UTF_8);
            Files.move(eml, folder.resolve(name + ".eml")); // the .eml appears complete, or not at all
        } catch (IOException e) {
            throw new MailException("EXAMPLE-00001: the eml backend could not write to its folder", e);
        }
    }

    static Path folder(String configured) {
        if (configured == null || configured.isBlank()) {
            throw new UncheckedIOException(new IOException("EXAMPLE-00002: set mail.eml-folder"));
        }
        return Path.of(configured);
    }
}

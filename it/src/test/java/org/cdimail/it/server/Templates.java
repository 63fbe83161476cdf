package org.cdimail.it.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Command files kept under {@code src/test/resources}, with {@code @NAME@} placeholders. */
public final class Templates {

    private Templates() {
    }

    /**
     * Writes a resource with its placeholders replaced.
     *
     * @param resource the class-path resource, e.g. {@code wildfly/mail-session.cli}
     * @param values   placeholder (without the {@code @}) to value
     * @param target   the file to write
     * @return {@code target}
     * @throws IOException if the resource is missing or the file cannot be written
     */
    public static Path render(String resource, Map<String, String> values, Path target) throws IOException {
        String text;
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("@" + value.getKey() + "@", value.getValue());
        }
        if (text.matches("(?s).*@[A-Z_]+@.*")) {
            throw new IOException(resource + " has a placeholder without a value");
        }
        Files.createDirectories(target.getParent());
        return Files.writeString(target, text, StandardCharsets.UTF_8);
    }
}

package org.cdimail.it.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Variants of a WAR that differ only in their MicroProfile Config file. */
public final class Wars {

    /** Where a WAR's own MicroProfile Config file lives. */
    public static final String CONFIG_ENTRY = "WEB-INF/classes/META-INF/microprofile-config.properties";

    private Wars() {
    }

    /**
     * Copies a WAR, appending lines to its {@value #CONFIG_ENTRY} (later lines win in a
     * properties file).
     *
     * @param war    the original
     * @param target the new WAR; its file name is the context root
     * @param lines  the properties to add
     * @return {@code target}
     * @throws IOException if the WAR cannot be read or written
     */
    public static Path withConfig(Path war, Path target, String lines) throws IOException {
        Files.createDirectories(target.getParent());
        boolean found = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                if (entry.getName().equals(CONFIG_ENTRY)) {
                    found = true;
                    out.write(("\n# added by the integration test\n" + lines + "\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                out.closeEntry();
            }
        }
        if (!found) {
            throw new IOException(war + " has no " + CONFIG_ENTRY);
        }
        return target;
    }

    /**
     * Reads one entry of a WAR.
     *
     * @param war   the WAR
     * @param entry the entry's name
     * @return its content
     * @throws IOException if it cannot be read
     */
    public static String read(Path war, String entry) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                if (e.getName().equals(entry)) {
                    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                }
            }
        }
        throw new IOException(war + " has no " + entry);
    }
}

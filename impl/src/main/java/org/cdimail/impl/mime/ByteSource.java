package org.cdimail.impl.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a part's bytes come from; opened anew for every pass, so a file is never held in memory. */
interface ByteSource {

    InputStream open() throws IOException;

    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }

            /** Straight from the array: no stream, no 64 KB buffer for a 1 KB body. */
            @Override
            public ContentStats stats() {
                ContentStats stats = new ContentStats();
                stats.update(bytes, 0, bytes.length);
                return stats.finish();
            }
        };
    }

    static ByteSource of(Path path) {
        return () -> Files.newInputStream(path);
    }

    /** The same bytes with every lone CR or LF turned into CRLF. */
    default ByteSource withCrlf() {
        return () -> new CrlfInputStream(open());
    }

    /** Reads the whole source once, gathering the statistics the encoding choice needs. */
    default ContentStats stats() throws IOException {
        ContentStats stats = new ContentStats();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = open()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                stats.update(buffer, 0, n);
            }
        }
        return stats.finish();
    }
}

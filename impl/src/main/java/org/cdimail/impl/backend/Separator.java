package org.cdimail.impl.backend;

import java.nio.charset.StandardCharsets;

/** What the console and file backends write after each message, as Django does. */
public final class Separator {

    /** A line break, 79 dashes and a line break. */
    private static final byte[] BYTES = ("\n" + "-".repeat(79) + "\n").getBytes(StandardCharsets.US_ASCII);

    private Separator() {
    }

    /**
     * The separator written after each message.
     *
     * @return a fresh copy of the bytes
     */
    public static byte[] bytes() {
        return BYTES.clone();
    }
}

package org.cdimail.tck.support;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.cdimail.tck.spi.DeliveredMail;

/**
 * Splits the output of the {@code console} and {@code file} backends into messages: each
 * message is followed by a line of 79 dashes, as Django writes it.
 */
public final class SeparatedMessages {

    /** The separator line, without its line ending. */
    public static final String SEPARATOR = "-".repeat(79);

    private SeparatedMessages() {
    }

    /**
     * The messages in {@code output}, in order. Text after the last separator that is not blank
     * counts as one more message.
     *
     * @param output what the backend wrote
     * @return the messages
     */
    public static List<DeliveredMail> split(byte[] output) {
        List<DeliveredMail> messages = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        int start = 0;
        for (int i = 0; i <= output.length; i++) {
            if (i == output.length || output[i] == '\n') {
                int end = Math.min(i + 1, output.length);
                if (isSeparator(output, start, end)) {
                    messages.add(DeliveredMail.of(current.toByteArray()));
                    current.reset();
                } else {
                    current.write(output, start, end - start);
                }
                start = end;
            }
        }
        if (!new String(current.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
            messages.add(DeliveredMail.of(current.toByteArray()));
        }
        return messages;
    }

    private static boolean isSeparator(byte[] output, int start, int end) {
        int length = end - start;
        while (length > 0 && (output[start + length - 1] == '\n' || output[start + length - 1] == '\r')) {
            length--;
        }
        if (length != SEPARATOR.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (output[start + i] != '-') {
                return false;
            }
        }
        return true;
    }
}

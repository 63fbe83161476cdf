package org.cdimail.impl.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;

/**
 * Test helper: reads the header blocks of rendered RFC 5322 bytes without any MIME library
 * deciding what a line is, and checks each byte. A header block runs up to the first empty line
 * of its entity; multipart bodies are split at their boundary and {@code message/rfc822} bodies
 * read as messages, so nested parts are checked too.
 */
public final class HeaderBlocks {

    /** The header names of one entity, lower case, in the order of the walk (depth first). */
    public record Block(String path, Set<String> names) {
    }

    private HeaderBlocks() {
    }

    /**
     * Checks every header block of {@code message} and returns their header names.
     *
     * @throws AssertionError naming the entity and the offending line, if a header byte is not
     *                        printable US-ASCII, SP or HT, a CR or LF is not part of a fold (CRLF
     *                        followed by SP or HT), a folded line is white space only, or a line
     *                        is neither a field ({@code name:}) nor a continuation
     */
    public static List<Block> check(byte[] message) {
        List<Block> blocks = new ArrayList<>();
        entity(new String(message, StandardCharsets.ISO_8859_1), "message", blocks);
        return blocks;
    }

    private static void entity(String text, String path, List<Block> blocks) {
        int end = text.startsWith("\r\n") ? 0 : text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError(path + ": no empty line ends the header block");
        }
        String header = text.substring(0, end);
        String body = text.substring(end == 0 ? 2 : end + 4);
        Set<String> names = new LinkedHashSet<>();
        String contentType = null;
        String current = null;
        for (String line : header.isEmpty() ? new String[0] : header.split("\r\n", -1)) {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (!(c == '\t' || (c >= 0x20 && c <= 0x7e))) {
                    throw new AssertionError(path + ": header byte 0x" + Integer.toHexString(c) + " in line '"
                            + printable(line) + "'");
                }
            }
            if (line.startsWith(" ") || line.startsWith("\t")) {
                if (current == null || line.isBlank()) {
                    throw new AssertionError(path + ": a continuation line that folds nothing or holds only white space");
                }
                if (current.equals("content-type")) {
                    contentType += line;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 1 || !line.substring(0, colon).chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new AssertionError(path + ": neither a field nor a continuation: '" + printable(line) + "'");
            }
            current = line.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!names.add(current)) {
                throw new AssertionError(path + ": header '" + current + "' appears twice");
            }
            if (current.equals("content-type")) {
                contentType = line.substring(colon + 1);
            }
        }
        blocks.add(new Block(path, names));
        if (contentType == null) {
            return;
        }
        ContentType type;
        try {
            type = new ContentType(contentType.strip());
        } catch (ParseException e) {
            throw new AssertionError(path + ": Content-Type does not parse", e);
        }
        if (type.match("multipart/*")) {
            String delimiter = "--" + type.getParameter("boundary");
            int start = body.startsWith(delimiter) ? 0 : body.indexOf("\r\n" + delimiter);
            if (start < 0) {
                throw new AssertionError(path + ": no boundary in the multipart body");
            }
            int index = 0;
            int from = body.indexOf("\r\n", start + (start == 0 ? 0 : 2)) + 2;
            while (true) {
                int next = body.indexOf("\r\n" + delimiter, from - 2);
                if (next < 0) {
                    throw new AssertionError(path + ": the multipart body has no closing boundary");
                }
                entity(body.substring(from, next + 2), path + "/" + index++, blocks);
                int after = next + 2 + delimiter.length();
                if (body.startsWith("--", after)) {
                    return;
                }
                from = body.indexOf("\r\n", after) + 2;
            }
        }
        if (type.match("message/rfc822")) {
            entity(body, path + "/rfc822", blocks);
        }
    }

    private static String printable(String line) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < line.length() && sb.length() < 200; i++) {
            char c = line.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return sb.toString();
    }
}

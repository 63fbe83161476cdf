package org.cdimail.cli.web;

import java.util.List;
import java.util.Optional;

/**
 * A message taken apart for the viewer: its headers decoded, its bodies as text and its parts.
 *
 * @param headers    every header in order, values unfolded and decoded (RFC 2047)
 * @param rawHeaders the header block exactly as received, without the blank line that ends it
 * @param text       the first {@code text/plain} part that is not an attachment
 * @param html       the first {@code text/html} part that is not an attachment
 * @param parts      every leaf part, numbered depth-first from 0
 */
record DecodedMessage(List<Header> headers, String rawHeaders, Optional<String> text, Optional<String> html,
        List<PartInfo> parts) {

    /** Copies the lists, which are immutable from then on. */
    DecodedMessage {
        headers = List.copyOf(headers);
        parts = List.copyOf(parts);
    }

    /**
     * One header.
     *
     * @param name  its name as received
     * @param value its value, unfolded and decoded
     */
    record Header(String name, String value) {
    }

    /** What a leaf part is for. */
    enum Kind {
        /** The text or HTML body that the viewer shows in its own tab. */
        BODY,
        /** Shown within the body, such as an image referenced by {@code cid:}; not an attachment. */
        INLINE,
        /** An attachment. */
        ATTACHMENT
    }

    /**
     * One leaf part (not a multipart; an attached message is one part).
     *
     * @param index       its number, depth-first from 0
     * @param contentType its base MIME type in lowercase, {@code application/octet-stream} when unreadable
     * @param filename    its file name, decoded (RFC 2231 or 2047); empty when it has none
     * @param contentId   its {@code Content-ID} without angle brackets; empty when it has none
     * @param kind        what it is for
     * @param size        its size in bytes once its transfer encoding is decoded
     */
    record PartInfo(int index, String contentType, String filename, String contentId, Kind kind, long size) {
    }
}

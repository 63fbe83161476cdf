package org.cdimail.cli.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import org.cdimail.cli.web.DecodedMessage.Kind;
import org.cdimail.cli.web.DecodedMessage.PartInfo;
import org.cdimail.cli.web.MessageSummary.Mailbox;

/**
 * Takes a received message apart: its summary for the list, its headers and bodies for the
 * message view, and any one of its leaf parts by number.
 *
 * <p>Leaf parts are numbered depth-first from 0, the same way by every method, so that a number
 * given by {@link #decode} names the same part in {@link #part}. A multipart is not a leaf; an
 * attached {@code message/rfc822} is one leaf, not opened.
 */
final class MimeDecoder {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final int MAX_HEADER_BLOCK = 1 << 20;

    private MimeDecoder() {
    }

    /**
     * Parses a message.
     *
     * @param source its bytes
     * @return the parsed message
     * @throws IOException        if the bytes cannot be read
     * @throws MessagingException if they are not a message
     */
    static MimeMessage parse(RawSource source) throws IOException, MessagingException {
        try (InputStream in = source.open()) {
            return new MimeMessage(SESSION, in);
        }
    }

    /**
     * What the list shows of a message.
     *
     * @param message the message
     * @return its summary
     * @throws MessagingException if its structure cannot be parsed
     * @throws IOException        if a part cannot be read
     */
    static MessageSummary summarize(MimeMessage message) throws MessagingException, IOException {
        int attachments = 0;
        for (PartInfo info : classify(leaves(message), false)) {
            if (info.kind() == Kind.ATTACHMENT) {
                attachments++;
            }
        }
        String subject = message.getSubject();
        return new MessageSummary(addresses(message, "From"), addresses(message, "To"), addresses(message, "Cc"),
                subject == null ? "" : subject, attachments);
    }

    /**
     * Takes a whole message apart.
     *
     * @param source its bytes
     * @return its headers, bodies and parts
     * @throws IOException        if the bytes cannot be read
     * @throws MessagingException if they are not a message
     */
    static DecodedMessage decode(RawSource source) throws IOException, MessagingException {
        MimeMessage message = parse(source);
        List<DecodedMessage.Header> headers = new ArrayList<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            headers.add(new DecodedMessage.Header(header.getName(), decodeText(header.getValue())));
        }
        List<Part> leaves = leaves(message);
        List<PartInfo> parts = classify(leaves, true);
        Optional<String> text = Optional.empty();
        Optional<String> html = Optional.empty();
        for (PartInfo info : parts) {
            if (info.kind() == Kind.BODY && info.contentType().equals("text/plain") && text.isEmpty()) {
                text = Optional.of(textOf(leaves.get(info.index())));
            } else if (info.kind() == Kind.BODY && info.contentType().equals("text/html") && html.isEmpty()) {
                html = Optional.of(textOf(leaves.get(info.index())));
            }
        }
        return new DecodedMessage(headers, rawHeaders(source), text, html, parts);
    }

    /**
     * One leaf part, decoded.
     *
     * @param source the message's bytes
     * @param index  the part's number
     * @return the part and its bytes, or empty if the message has no such part
     * @throws IOException        if the bytes cannot be read
     * @throws MessagingException if they are not a message
     */
    static Optional<PartContent> part(RawSource source, int index) throws IOException, MessagingException {
        List<Part> leaves = leaves(parse(source));
        if (index < 0 || index >= leaves.size()) {
            return Optional.empty();
        }
        PartInfo info = classify(leaves, false).get(index);
        try (InputStream in = leaves.get(index).getInputStream()) {
            return Optional.of(new PartContent(info, in.readAllBytes()));
        }
    }

    /**
     * The words a search looks at besides the summary: the text body and the HTML body without
     * its tags.
     *
     * @param source the message's bytes
     * @return the text, possibly empty
     * @throws IOException        if the bytes cannot be read
     * @throws MessagingException if they are not a message
     */
    static String searchableText(RawSource source) throws IOException, MessagingException {
        DecodedMessage decoded = decode(source);
        return decoded.text().orElse("") + "\n" + decoded.html().map(h -> h.replaceAll("<[^>]*>", " ")).orElse("");
    }

    /**
     * A part and its decoded bytes.
     *
     * @param info  what the part is; its size is not measured ({@code -1}): it is the length of the bytes
     * @param bytes its content, transfer encoding removed
     */
    record PartContent(PartInfo info, byte[] bytes) {
    }

    private static List<Part> leaves(Part root) throws MessagingException, IOException {
        List<Part> leaves = new ArrayList<>();
        collect(root, leaves);
        return leaves;
    }

    private static void collect(Part part, List<Part> leaves) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), leaves);
            }
        } else {
            leaves.add(part);
        }
    }

    private static List<PartInfo> classify(List<Part> leaves, boolean measure) throws MessagingException, IOException {
        List<PartInfo> infos = new ArrayList<>();
        boolean haveText = false;
        boolean haveHtml = false;
        for (int i = 0; i < leaves.size(); i++) {
            Part part = leaves.get(i);
            String type = baseType(part);
            String disposition = part.getDisposition();
            String filename = part.getFileName() == null ? "" : decodeText(part.getFileName());
            String contentId = contentId(part);
            boolean attached = Part.ATTACHMENT.equalsIgnoreCase(disposition) || !filename.isEmpty();
            Kind kind;
            if (type.equals("text/plain") && !attached && !haveText) {
                haveText = true;
                kind = Kind.BODY;
            } else if (type.equals("text/html") && !attached && !haveHtml) {
                haveHtml = true;
                kind = Kind.BODY;
            } else if (!Part.ATTACHMENT.equalsIgnoreCase(disposition)
                    && (!contentId.isEmpty() || Part.INLINE.equalsIgnoreCase(disposition))) {
                kind = Kind.INLINE;
            } else {
                kind = Kind.ATTACHMENT;
            }
            infos.add(new PartInfo(i, type, filename, contentId, kind, measure ? decodedSize(part) : -1));
        }
        return infos;
    }

    private static String contentId(Part part) throws MessagingException {
        String[] values = part.getHeader("Content-ID");
        if (values == null || values.length == 0) {
            return "";
        }
        String id = values[0].strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        return id;
    }

    private static String baseType(Part part) {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "application/octet-stream";
        }
    }

    private static long decodedSize(Part part) throws MessagingException, IOException {
        long size = 0;
        byte[] buffer = new byte[8192];
        try (InputStream in = part.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
            }
        }
        return size;
    }

    /** A text part as a string; its bytes as UTF-8 when its charset is unknown to Java. */
    private static String textOf(Part part) throws MessagingException, IOException {
        try {
            return String.valueOf(part.getContent());
        } catch (UnsupportedEncodingException e) {
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static List<Mailbox> addresses(MimeMessage message, String name) throws MessagingException {
        String value = message.getHeader(name, ",");
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<Mailbox> boxes = new ArrayList<>();
        try {
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                boxes.add(new Mailbox(address.getPersonal() == null ? "" : address.getPersonal(), address.getAddress()));
            }
        } catch (AddressException e) {
            boxes.add(new Mailbox("", decodeText(value)));
        }
        return boxes;
    }

    private static String decodeText(String value) {
        String unfolded = MimeUtility.unfold(value);
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return unfolded;
        }
    }

    /** The header block as received: up to the first empty line, within the first 1 MiB, read as UTF-8. */
    private static String rawHeaders(RawSource source) throws IOException {
        byte[] head;
        try (InputStream in = source.open()) {
            head = in.readNBytes(MAX_HEADER_BLOCK);
        }
        String text = new String(head, StandardCharsets.UTF_8);
        int crlf = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        int end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf;
        return end >= 0 ? text.substring(0, end) : text.stripTrailing();
    }
}

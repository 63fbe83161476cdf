package org.cdimail.impl.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;

import org.cdimail.EmailMessage;

/** Test helper: renders a message to bytes and parses the bytes back with Jakarta Mail's own parser. */
final class RenderedMail {

    static final RenderSettings SETTINGS = RenderSettings.defaults().withDnsName("mail.example.com");
    static final Session SESSION = Session.getInstance(new Properties());

    final byte[] bytes;
    final MimeMessage parsed;

    private RenderedMail(byte[] bytes) {
        this.bytes = bytes;
        try {
            this.parsed = new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static RenderedMail of(EmailMessage message) {
        return of(new MimeRenderer(SETTINGS), message);
    }

    static RenderedMail of(MimeRenderer renderer, EmailMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            renderer.writeTo(message, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RenderedMail(out.toByteArray());
    }

    /** The raw text, as ISO-8859-1 so every byte maps to one char. */
    String raw() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The raw header block. */
    String rawHeaders() {
        String raw = raw();
        return raw.substring(0, raw.indexOf("\r\n\r\n") + 2);
    }

    String header(String name) throws MessagingException {
        return parsed.getHeader(name, null);
    }

    /** The MIME tree as a compact string, for example {@code multipart/mixed(multipart/alternative(text/plain,text/html),application/pdf)}. */
    static String structure(Part part) throws MessagingException, IOException {
        String base = new ContentType(part.getContentType()).getBaseType().toLowerCase(java.util.Locale.ROOT);
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            List<String> children = new ArrayList<>();
            for (int i = 0; i < multipart.getCount(); i++) {
                children.add(structure(multipart.getBodyPart(i)));
            }
            return base + "(" + String.join(",", children) + ")";
        }
        return base;
    }

    String structure() throws MessagingException, IOException {
        return structure(parsed);
    }

    /** The leaf part at a path of indexes, for example {@code part(1, 0)}. */
    Part part(int... path) throws MessagingException, IOException {
        Part current = parsed;
        for (int index : path) {
            BodyPart child = ((Multipart) current.getContent()).getBodyPart(index);
            current = child;
        }
        return current;
    }

    static byte[] decoded(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    static String decodedText(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (content instanceof String text) {
            return text;
        }
        return new String(decoded(part), StandardCharsets.UTF_8);
    }
}

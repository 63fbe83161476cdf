package org.cdimail.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;

/**
 * Prints a received message for a person to read: envelope, headers decoded (RFC 2047), every
 * text part as text, and every other part listed with its name, type and decoded size.
 */
final class MessagePrinter {

    private MessagePrinter() {
    }

    /**
     * Describes one message.
     *
     * @param number       the message's number in this server run
     * @param envelopeFrom the {@code MAIL FROM} address
     * @param envelopeTo   the {@code RCPT TO} addresses
     * @param message      the message as received
     * @return the text to print, ending with a newline
     * @throws MessagingException if the message cannot be parsed
     * @throws IOException        if a part cannot be read
     */
    static String describe(int number, String envelopeFrom, List<String> envelopeTo, MimeMessage message)
            throws MessagingException, IOException {
        StringBuilder out = new StringBuilder();
        out.append("---------- message ").append(number).append(" ----------\n");
        out.append("Envelope-From: ").append(envelopeFrom).append('\n');
        out.append("Envelope-To: ").append(String.join(", ", envelopeTo)).append('\n');
        for (Header header : Collections.list(message.getAllHeaders())) {
            String name = header.getName();
            if (!isStructural(name)) {
                out.append(name).append(": ").append(decode(header.getValue())).append('\n');
            }
        }
        Parts parts = new Parts();
        walk(message, parts);
        out.append(parts.text);
        if (parts.attachments.length() > 0) {
            out.append("\nAttachments:\n").append(parts.attachments);
        }
        return out.toString();
    }

    /** Content-* and MIME-Version describe the structure, which the parts below show. */
    private static boolean isStructural(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("content-") || lower.equals("mime-version");
    }

    private static String decode(String value) {
        String unfolded = MimeUtility.unfold(value);
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException e) {
            return unfolded;
        }
    }

    private static final class Parts {
        final StringBuilder text = new StringBuilder();
        final StringBuilder attachments = new StringBuilder();
    }

    private static void walk(Part part, Parts parts) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, parts);
            }
        } else if (part.isMimeType("text/*") && !isAttachment(part)) {
            String content = String.valueOf(part.getContent()).replace("\r\n", "\n");
            parts.text.append("\n[").append(baseType(part)).append("]\n").append(content);
            if (!content.endsWith("\n")) {
                parts.text.append('\n');
            }
        } else {
            parts.attachments.append("  ").append(name(part)).append(" (").append(baseType(part)).append(", ")
                    .append(decodedSize(part)).append(" bytes")
                    .append(Part.INLINE.equalsIgnoreCase(part.getDisposition()) ? ", inline" : "")
                    .append(")\n");
        }
    }

    private static boolean isAttachment(Part part) throws MessagingException {
        return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
    }

    private static String name(Part part) throws MessagingException, IOException {
        String name = part.getFileName();
        if (name != null) {
            return decode(name);
        }
        if (part.isMimeType("message/rfc822") && part.getContent() instanceof MimeMessage attached) {
            String subject = attached.getSubject();
            return "attached message \"" + (subject == null ? "" : subject) + "\"";
        }
        return "(no name)";
    }

    private static String baseType(Part part) throws MessagingException {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return part.getContentType();
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
}
